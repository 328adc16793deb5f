-- Every foreign key that can be the target of a delete or an update needs an index on the
-- referencing side, or PostgreSQL checks each deleted resident by scanning whole tables
-- (deleting 100 000 residents took over ten minutes without these).
CREATE INDEX households_householder_idx ON households(householder_id);
CREATE INDEX users_resident_idx ON users(resident_id);
CREATE INDEX grid_workers_user_idx ON grid_workers(user_id);
CREATE INDEX vehicles_estate_idx ON vehicles(estate_id);
CREATE INDEX buildings_grid_idx ON buildings(grid_id);
CREATE INDEX residents_grid_idx ON residents(grid_id);
CREATE INDEX residents_community_idx ON residents(community_id);
CREATE INDEX houses_community_idx ON houses(community_id);
CREATE INDEX import_jobs_user_idx ON import_jobs(user_id);
CREATE INDEX audit_log_user_idx ON audit_log(user_id);
