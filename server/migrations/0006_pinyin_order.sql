-- Names sort by pinyin (ICU's zh collation: 阿 < 白 < 邓 < 王 < 张), the order people expect in Chinese lists.
-- Needs a PostgreSQL built with ICU (the embedded server and Debian's packages are).
CREATE COLLATION IF NOT EXISTS pinyin (provider = icu, locale = 'zh-u-co-pinyin');
CREATE INDEX organizations_name_pinyin ON organizations ((name COLLATE pinyin), id);
