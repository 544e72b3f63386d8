package cloud

import (
	"context"
	"fmt"
	"strings"

	"github.com/mcots/wizard/steps"
)

func (r *run) instances() Instances { return r.s.a.Instances(r.spec.Region) }

// lookInstance reads the instance; found is false when account A has none
// of that name in the region.
func (r *run) lookInstance(ctx context.Context) (inst Instance, found bool, err error) {
	name := r.spec.Tablestore.Instance
	return readFound(ctx, r, "GetInstance "+name, func(ctx context.Context) (Instance, error) {
		return r.instances().GetInstance(ctx, name)
	})
}

// instanceProblem says why an existing instance cannot serve MaxCompute.
func (r *run) instanceProblem(inst Instance) *steps.Outcome {
	name, region := r.spec.Tablestore.Instance, r.spec.Region
	switch inst.Status {
	case InstanceDisabled, InstanceDeleting:
		b := blocked(fmt.Sprintf("instance %s is %s", name, inst.Status),
			"enable it in the Tablestore console, or choose another tablestore.instance")
		return &b
	}
	if !strings.EqualFold(inst.Network, string(steps.NetworkNormal)) && inst.Network != "" &&
		!strings.EqualFold(inst.Network, string(r.spec.Tablestore.Network)) {
		b := blocked(fmt.Sprintf("instance %s accepts requests only from its bound VPC (network %s): MaxCompute cannot reach it", name, inst.Network),
			fmt.Sprintf("allow any network with aliyun ots UpdateInstance --InstanceName %s --Network NORMAL --endpoint ots.%s.aliyuncs.com, then re-run", name, region))
		return &b
	}
	return nil
}

func (r *run) observeInstance(ctx context.Context) (steps.Outcome, error) {
	t := r.spec.Tablestore
	inst, found, err := r.lookInstance(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	if !found {
		return steps.Outcome{Action: steps.ActionCreate,
			Summary: fmt.Sprintf("create instance %s (%s, network %s) in %s and wait until it runs", t.Instance, t.ClusterType, t.Network, r.spec.Region)}, nil
	}
	if b := r.instanceProblem(inst); b != nil {
		return *b, nil
	}
	out := steps.Outcome{Action: steps.ActionInPlace,
		Summary: fmt.Sprintf("instance %s is %s (%s, network %s)", inst.Name, inst.Status, inst.ClusterType, inst.Network)}
	if inst.Status != InstanceRunning {
		out.Summary = fmt.Sprintf("instance %s exists and is %s; the table step waits for it", inst.Name, inst.Status)
	}
	if inst.ClusterType != "" && !strings.EqualFold(inst.ClusterType, string(t.ClusterType)) {
		out.Details = append(out.Details, fmt.Sprintf("note: the instance is %s, the spec says %s; the wizard does not change an instance's type", inst.ClusterType, t.ClusterType))
	}
	return out, nil
}

func (r *run) applyInstance(ctx context.Context) (steps.Outcome, error) {
	t := r.spec.Tablestore
	inst, found, err := r.lookInstance(ctx)
	if err != nil {
		return steps.Outcome{}, err
	}
	action := steps.ActionInPlace
	if !found {
		created, err := r.create(ctx, fmt.Sprintf("InsertInstance %s (%s, network %s)", t.Instance, t.ClusterType, t.Network),
			func(ctx context.Context) (bool, error) {
				_, found, err := r.lookInstance(ctx)
				return found, err
			},
			func(ctx context.Context) error {
				return r.instances().InsertInstance(ctx, Instance{
					Name: t.Instance, ClusterType: string(t.ClusterType), Network: string(t.Network),
					Description: InstanceDescription(r.spec), Tags: map[string]string{MarkTagKey: MarkTagValue},
				})
			})
		if err != nil {
			return steps.Outcome{}, err
		}
		if created {
			action = steps.ActionCreate
		}
		if inst, found, err = r.lookInstance(ctx); err != nil {
			return steps.Outcome{}, err
		}
		if !found {
			return steps.Outcome{}, &BlockedError{Step: r.step,
				Reason: fmt.Sprintf("the instance name %s is taken in %s by another account (names are unique per region across all accounts)", t.Instance, r.spec.Region),
				Fix:    "choose another tablestore.instance"}
		}
	}
	if b := r.instanceProblem(inst); b != nil {
		return steps.Outcome{}, &BlockedError{Step: r.step, Reason: b.Summary}
	}
	if err := r.waitInstanceRunning(ctx); err != nil {
		return steps.Outcome{}, err
	}
	verb := "is running"
	if action == steps.ActionCreate {
		verb = "was created and runs"
	}
	return steps.Outcome{Action: action, Summary: fmt.Sprintf("instance %s %s (%s, network %s)", t.Instance, verb, inst.ClusterType, inst.Network)}, nil
}

// waitInstanceRunning polls GetInstance until the instance runs.
func (r *run) waitInstanceRunning(ctx context.Context) error {
	name := r.spec.Tablestore.Instance
	return r.s.opts.Poll.wait(ctx, "instance "+name, func(ctx context.Context) (bool, string, error) {
		inst, found, err := r.lookInstance(ctx)
		switch {
		case err != nil:
			return false, "", err
		case !found:
			return false, "", fmt.Errorf("instance %s disappeared while the wizard waited for it to run", name)
		case inst.Status == InstanceDisabled || inst.Status == InstanceDeleting:
			return false, "", &BlockedError{Step: r.step, Reason: fmt.Sprintf("instance %s is %s", name, inst.Status)}
		}
		return inst.Status == InstanceRunning, inst.Status.String(), nil
	}, func(msg string) { r.say("%s", msg) })
}
