-- lakec: description=Tracklist entries with their kind (track/index/heading) and durations parsed to seconds
-- track_kind: 'index' when the entry has sub-tracks (a medley or a work in movements), 'heading' when it has
-- no position, no duration and no sub-tracks (e.g. "Side A"), otherwise 'track'.
-- duration_seconds parses "m:ss" / "mm:ss" (minutes may exceed 59, e.g. "148:00") and "h:mm:ss"; NULL when empty
-- or unparsable. An index entry without its own duration gets the sum of its sub-tracks' when all are timed.
WITH entries AS (
  SELECT release_id, track_seq, CAST(NULL AS INTEGER) AS sub_track_seq, position, title, duration
  FROM release_tracks
  UNION ALL
  SELECT release_id, track_seq, sub_track_seq, position, title, duration
  FROM release_sub_tracks
),
parsed AS (
  SELECT
    release_id,
    track_seq,
    sub_track_seq,
    position,
    title,
    duration,
    CASE
      WHEN regexp_full_match(trim(duration), '[0-9]+:[0-9]{1,2}')
        THEN CAST(split_part(trim(duration), ':', 1) AS INTEGER) * 60
           + CAST(split_part(trim(duration), ':', 2) AS INTEGER)
      WHEN regexp_full_match(trim(duration), '[0-9]+:[0-9]{1,2}:[0-9]{1,2}')
        THEN CAST(split_part(trim(duration), ':', 1) AS INTEGER) * 3600
           + CAST(split_part(trim(duration), ':', 2) AS INTEGER) * 60
           + CAST(split_part(trim(duration), ':', 3) AS INTEGER)
    END AS duration_seconds
  FROM entries
),
sub_tracks AS (
  SELECT
    release_id,
    track_seq,
    count(*) AS sub_track_count,
    count(duration_seconds) AS timed_sub_track_count,
    CAST(sum(duration_seconds) AS INTEGER) AS sub_track_seconds
  FROM parsed
  WHERE sub_track_seq IS NOT NULL
  GROUP BY release_id, track_seq
)
SELECT
  t.release_id,
  t.track_seq,
  nullif(regexp_replace(t.position, '^\s+|\s+$', '', 'g'), '') AS position,
  nullif(regexp_replace(t.title, '^\s+|\s+$', '', 'g'), '') AS title,
  t.duration,
  CASE
    WHEN s.sub_track_count IS NOT NULL THEN 'index'
    WHEN t.position IS NULL AND t.duration IS NULL THEN 'heading'
    ELSE 'track'
  END AS track_kind,
  CAST(coalesce(s.sub_track_count, 0) AS INTEGER) AS sub_track_count,
  coalesce(
    t.duration_seconds,
    CASE WHEN s.timed_sub_track_count = s.sub_track_count THEN s.sub_track_seconds END
  ) AS duration_seconds
FROM parsed AS t
LEFT JOIN sub_tracks AS s
  ON s.release_id = t.release_id AND s.track_seq = t.track_seq
WHERE t.sub_track_seq IS NULL
ORDER BY t.release_id, t.track_seq
