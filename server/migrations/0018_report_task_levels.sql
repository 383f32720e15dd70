-- Report tasks addressed to a deeper level (C11; 001 三.四): a city may send straight to every
-- 街道/乡镇 (or community) of its jurisdiction, not only to its districts. `addressee_level` is the
-- level of the addressee areas; existing tasks went one level down. `all_children` keeps its name
-- and now means "every area of the addressee level in the sending area's subtree".
ALTER TABLE report_tasks ADD COLUMN addressee_level smallint;
UPDATE report_tasks SET addressee_level = area_level + 1;
ALTER TABLE report_tasks
  ALTER COLUMN addressee_level SET NOT NULL,
  ADD CONSTRAINT report_tasks_addressee_level CHECK (addressee_level > area_level AND addressee_level <= 5);

-- Resolving "all areas of a level in a code range" uses areas_level_code (level, code) from 0002.
