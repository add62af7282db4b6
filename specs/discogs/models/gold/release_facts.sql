-- lakec: description=One row per release: title; country; year; main artists; labels; tracks and duration; genres; styles; master
-- artist_credit is the display credit Discogs shows, built from name variations (or names without the " (n)"
-- suffix) and join phrases, including credits that link to no artist page; main_artist_ids/names hold linked ones.
-- total_duration_seconds sums the known durations; untimed_track_count says how many playable entries had none.
WITH credit_parts AS (
  SELECT
    release_id,
    seq,
    coalesce(anv, regexp_replace(name, ' \(\d+\)$', '')) AS shown_name,
    join_phrase,
    max(seq) OVER (PARTITION BY release_id) AS last_seq
  FROM release_artists
),
credits AS (
  SELECT
    release_id,
    string_agg(
      concat(shown_name,
             CASE
               WHEN seq = last_seq THEN ''
               WHEN join_phrase IS NULL OR join_phrase = ',' THEN ', '
               ELSE concat(' ', join_phrase, ' ')
             END),
      '' ORDER BY seq) AS artist_credit
  FROM credit_parts
  GROUP BY release_id
),
main_artists AS (
  SELECT
    release_id,
    array_agg(artist_id ORDER BY position) AS main_artist_ids,
    array_agg(artist_name ORDER BY position) AS main_artist_names
  FROM release_artist_xref
  WHERE role_kind = 'main'
  GROUP BY release_id
),
extra_artists AS (
  SELECT release_id, CAST(count(DISTINCT artist_id) AS INTEGER) AS extra_artist_count
  FROM release_artist_xref
  WHERE role_kind = 'extra'
  GROUP BY release_id
),
release_labels_agg AS (
  SELECT
    release_id,
    CAST(count(DISTINCT label_id) AS INTEGER) AS label_count,
    array_agg(DISTINCT label_name ORDER BY label_name) AS label_names
  FROM release_label_xref
  GROUP BY release_id
),
genres AS (
  SELECT release_id, array_agg(genre ORDER BY position) AS genres
  FROM release_genre_xref
  GROUP BY release_id
),
styles AS (
  SELECT release_id, array_agg(style ORDER BY position) AS styles
  FROM release_style_xref
  GROUP BY release_id
)
SELECT
  r.release_id,
  r.title,
  r.country,
  r.release_year,
  r.release_date,
  c.artist_credit,
  ma.main_artist_ids,
  ma.main_artist_names,
  coalesce(ea.extra_artist_count, 0) AS extra_artist_count,
  coalesce(rl.label_count, 0) AS label_count,
  rl.label_names,
  r.track_count,
  r.total_duration_seconds,
  r.untimed_track_count,
  r.format_summary,
  g.genres,
  s.styles,
  r.master_id,
  r.is_main_release,
  m.master_id IS NOT NULL AS has_master_in_dump,
  nullif(m.year, 0) AS master_year,
  r.data_quality
FROM releases_clean AS r
LEFT JOIN credits AS c ON c.release_id = r.release_id
LEFT JOIN main_artists AS ma ON ma.release_id = r.release_id
LEFT JOIN extra_artists AS ea ON ea.release_id = r.release_id
LEFT JOIN release_labels_agg AS rl ON rl.release_id = r.release_id
LEFT JOIN genres AS g ON g.release_id = r.release_id
LEFT JOIN styles AS s ON s.release_id = r.release_id
LEFT JOIN masters AS m ON m.master_id = r.master_id
ORDER BY r.release_id
