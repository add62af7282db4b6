-- lakec: description=One row per release with typed release date parts; track count; total duration and a format summary
-- Text is trimmed (titles and notes carry stray spaces and newlines); whitespace-only text becomes NULL.
-- release_date is set only when year; month and day are all known and form a valid date.
-- track_count counts playable entries: 'track' entries plus the sub-tracks of 'index' entries (headings excluded).
-- format_summary reads like Discogs' own: "2x Vinyl (12\", 33 ⅓ RPM) + 1x CD (Album)".
WITH tracks AS (
  SELECT
    release_id,
    CAST(sum(CASE WHEN track_kind = 'track' THEN 1 WHEN track_kind = 'index' THEN sub_track_count ELSE 0 END) AS INTEGER) AS track_count,
    CAST(sum(duration_seconds) AS INTEGER) AS total_duration_seconds,
    CAST(count(*) FILTER (WHERE track_kind <> 'heading' AND duration_seconds IS NULL) AS INTEGER) AS untimed_track_count
  FROM release_tracks_clean
  GROUP BY release_id
),
format_descriptions AS (
  SELECT release_id, format_seq, string_agg(description, ', ' ORDER BY seq) AS descriptions
  FROM release_format_descriptions
  WHERE description IS NOT NULL
  GROUP BY release_id, format_seq
),
formats AS (
  SELECT
    f.release_id,
    string_agg(
      concat(coalesce(f.qty, 1), 'x ', coalesce(f.name, 'Unknown'),
             CASE WHEN d.descriptions IS NULL THEN '' ELSE concat(' (', d.descriptions, ')') END),
      ' + ' ORDER BY f.format_seq) AS format_summary,
    CAST(sum(coalesce(f.qty, 1)) AS INTEGER) AS media_count,
    min(f.name) FILTER (WHERE f.format_seq = 1) AS primary_format
  FROM release_formats AS f
  LEFT JOIN format_descriptions AS d
    ON d.release_id = f.release_id AND d.format_seq = f.format_seq
  GROUP BY f.release_id
)
SELECT
  r.release_id,
  nullif(regexp_replace(r.title, '^\s+|\s+$', '', 'g'), '') AS title,
  nullif(regexp_replace(r.country, '^\s+|\s+$', '', 'g'), '') AS country,
  r.released,
  r.released_year AS release_year,
  r.released_month AS release_month,
  r.released_day AS release_day,
  CASE
    WHEN r.released_month BETWEEN 1 AND 12 AND r.released_day >= 1 THEN
      CASE
        WHEN r.released_day <= dayofmonth(last_day(make_date(r.released_year, r.released_month, 1)))
          THEN make_date(r.released_year, r.released_month, r.released_day)
      END
  END AS release_date,
  r.data_quality,
  r.master_id,
  coalesce(r.master_is_main_release, false) AS is_main_release,
  nullif(regexp_replace(r.notes, '^\s+|\s+$', '', 'g'), '') AS notes,
  coalesce(t.track_count, 0) AS track_count,
  t.total_duration_seconds,
  coalesce(t.untimed_track_count, 0) AS untimed_track_count,
  f.format_summary,
  f.primary_format,
  coalesce(f.media_count, 0) AS media_count
FROM releases AS r
LEFT JOIN tracks AS t ON t.release_id = r.release_id
LEFT JOIN formats AS f ON f.release_id = r.release_id
ORDER BY r.release_id
