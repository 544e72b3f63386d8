SELECT vehicle_id, gps_time, lon, lat FROM track_positions WHERE vehicle_id = 10001 LIMIT 10;
