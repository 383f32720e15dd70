-- Area search orders by (level, code) and stops at the limit: with this index the planner walks
-- in order for common words (社区, 村委会) instead of sorting every match (bench/areas.bench.ts).
CREATE INDEX areas_level_code ON areas (level, code);
