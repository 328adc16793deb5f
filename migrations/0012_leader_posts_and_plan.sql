-- Issue 9, "the seed, read exactly" (docs/decisions/016-seed-read-exactly.md).

-- One leader, several posts. 赵传资 主持 the 县政府办公室 (平政办发〔2023〕6号, 县政府班子) and heads
-- the office's own 班子 (4号): one person with two roles, not two leaders. `leaders` keeps the
-- person (the notices name leaders by name alone, so the name is the person); leader_posts keeps
-- each 班子 seat with its rank in that notice.
CREATE TABLE leader_posts (
  leader_id  bigint NOT NULL REFERENCES leaders(id) ON DELETE CASCADE,
  body       text NOT NULL,          -- '县政府' or '县政府办公室': whose 班子
  rank       int NOT NULL,           -- order of appearance in that body's notice
  source_doc text,                   -- the notice that names the post; null for a post older than 0012 with no duty
  PRIMARY KEY (leader_id, body)
);

-- Existing rows: the lowest id of a name is the person; the others' duties and pairs move to it.
CREATE TEMPORARY TABLE leader_merge AS
  SELECT l.id AS old_id, (SELECT min(k.id) FROM leaders k WHERE k.name = l.name) AS person_id, l.body, l.rank
  FROM leaders l;

INSERT INTO leader_posts (leader_id, body, rank, source_doc)
  SELECT m.person_id, m.body, m.rank, (SELECT min(d.source_doc) FROM leader_duties d WHERE d.leader_id = m.old_id)
  FROM leader_merge m;

UPDATE leader_duties d SET leader_id = m.person_id FROM leader_merge m WHERE d.leader_id = m.old_id AND m.old_id <> m.person_id;
UPDATE leader_duties d SET assists_leader_id = m.person_id FROM leader_merge m
  WHERE d.assists_leader_id = m.old_id AND m.old_id <> m.person_id;
UPDATE leader_ab_pairs p SET leader_a = m.person_id FROM leader_merge m WHERE p.leader_a = m.old_id AND m.old_id <> m.person_id;
UPDATE leader_ab_pairs p SET leader_b = m.person_id FROM leader_merge m WHERE p.leader_b = m.old_id AND m.old_id <> m.person_id;
DELETE FROM leaders l USING leader_merge m WHERE l.id = m.old_id AND m.old_id <> m.person_id;
DROP TABLE leader_merge;

ALTER TABLE leaders DROP CONSTRAINT leaders_body_name_key;
ALTER TABLE leaders DROP COLUMN body;
ALTER TABLE leaders DROP COLUMN rank;
ALTER TABLE leaders ADD CONSTRAINT leaders_name_key UNIQUE (name);

-- 平政办字〔2023〕7号 二（二）3（1）（2）: an owner who refuses to scrap (行政强制法 第十二、十三、五十、
-- 五十二条) and assembled or scrap-standard cars driven on roads (道路交通安全法 第一百条).
ALTER TABLE av_dossiers DROP CONSTRAINT av_dossiers_disposal_check;
ALTER TABLE av_dossiers ADD CONSTRAINT av_dossiers_disposal_check CHECK (disposal IN (
  'self_cleared','scrapped','enforced_after_refusal','removed_chengguan','removed_police','road_law_article_100',
  'removed_parking','civil_law','transferred'));

-- The plan's 协调机制 (三、责任分工) and what its reports carry (四（四）), as the gazette importer
-- reads them (abandoned-vehicles/plan.ts); null for a campaign entered by hand.
ALTER TABLE av_campaigns ADD COLUMN plan jsonb;

-- 平政办字〔2023〕9号 leaves some tiers open ("争取完成1个成长型" of two communities named): the
-- sentence is kept, quoted, instead of a guess.
ALTER TABLE regions ADD COLUMN smart_note text;
