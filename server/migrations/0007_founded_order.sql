-- The registry's default order is newest founded first; at national scale the list must walk an
-- index in that order instead of sorting millions of rows (bench/registry.bench.ts: 2.7 s → ms).
CREATE INDEX organizations_founded ON organizations (founded_on DESC, id DESC);
