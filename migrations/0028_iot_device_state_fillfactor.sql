-- Every batch rewrites the state row of each device it holds (decision 040). With full pages a
-- new version rarely fits beside the old one, so about half of those updates also wrote the
-- primary key's index; with room left on each page they stay heap-only (HOT) and the page prunes
-- itself. The table is small (a row per device), so the space costs nothing. Pages written from
-- now on keep the room; existing ones gain it as they are rewritten.
ALTER TABLE iot_device_state SET (fillfactor = 50);
