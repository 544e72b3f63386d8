SELECT vehicle_id, gps_time, lon, lat FROM track_positions WHERE vehicle_id = 1001 LIMIT 10;
