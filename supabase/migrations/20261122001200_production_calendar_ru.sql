-- =====================================================================================================
-- The Russian production calendar 2025–2027 as data of the global calendar (Labour Code art. 112 and
-- the Government's yearly decrees on moving days off). Chats follow it unless they are 24/7; a chat's
-- own day kinds win for the dates they list (see 20261122001000_calendars.sql).
--
-- holidays = non-working days: the public holidays of art. 112 (also those on a Saturday or Sunday, so
-- that chats working weekends rest on them) and the days off moved by decree or by art. 112 part 2
-- (a holiday on a weekend gives the next working day off).
-- transfers = working weekend dates, each with the weekday whose hours it works (the weekday the decree
--   moved the day off to), so every chat works its own hours of that weekday.
-- short_days = pre-holiday working days, one hour shorter in every chat (art. 95).
-- No global workdays: explicit intervals would replace every chat's own hours on that date.
--
-- 2025 and 2026 follow the published decrees. For 2027 no decree was known when this was written: only
-- the fixed holidays of art. 112, the automatic moves of art. 112 part 2 and the shortened days of
-- art. 95 are listed. The
-- decree will move the days off of Sat 2 and Sun 3 January 2027 to other dates (and may turn Fri
-- 31 December 2027 into a day off); import it in the console (Settings → Calendar) or with
-- sla.import_calendar once it is published (20261122001300_calendar_import.sql).
-- =====================================================================================================

update public.calendars set
  holidays = array[
    -- 2025
    '2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04', '2025-01-05', '2025-01-06', '2025-01-07',
    '2025-01-08',                           -- New Year holidays and Christmas (7 Jan)
    '2025-02-23',                           -- Defender of the Fatherland Day (Sunday)
    '2025-03-08',                           -- International Women's Day (Saturday)
    '2025-05-01', '2025-05-02',             -- Spring and Labour Day; 2 May moved from Sat 4 Jan
    '2025-05-08', '2025-05-09',             -- 8 May moved day off (for Sun 23 Feb); Victory Day
    '2025-06-12', '2025-06-13',             -- Russia Day; 13 June moved day off (for Sat 8 Mar)
    '2025-11-03', '2025-11-04',             -- 3 Nov moved from Sat 1 Nov; Unity Day
    '2025-12-31',                           -- moved from Sun 5 Jan
    -- 2026
    '2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07',
    '2026-01-08',                           -- New Year holidays and Christmas
    '2026-01-09',                           -- moved from Sat 3 Jan
    '2026-02-23',                           -- Defender of the Fatherland Day
    '2026-03-08', '2026-03-09',             -- Women's Day (Sunday) and the Monday after it
    '2026-05-01',                           -- Spring and Labour Day
    '2026-05-09', '2026-05-11',             -- Victory Day (Saturday) and the Monday after it
    '2026-06-12',                           -- Russia Day
    '2026-11-04',                           -- Unity Day
    '2026-12-31',                           -- moved from Sun 4 Jan
    -- 2027 (no decree yet: art. 112 only, see the banner)
    '2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07',
    '2027-01-08',                           -- New Year holidays and Christmas
    '2027-02-23',                           -- Defender of the Fatherland Day
    '2027-03-08',                           -- Women's Day
    '2027-05-01', '2027-05-03',             -- Spring and Labour Day (Saturday) and the Monday after it
    '2027-05-09', '2027-05-10',             -- Victory Day (Sunday) and the Monday after it
    '2027-06-12', '2027-06-14',             -- Russia Day (Saturday) and the Monday after it
    '2027-11-04'                            -- Unity Day
  ]::date[],
  transfers = '{"2025-11-01": 1}',          -- Saturday 1 Nov 2025 works as Monday 3 Nov (day off moved)
  short_days = array[
    '2025-03-07', '2025-04-30', '2025-06-11', -- before Women's Day, 1 May, Russia Day
    '2025-11-01',                             -- the working Saturday before Unity Day
    '2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03',
    '2027-02-22', '2027-04-30', '2027-06-11', '2027-11-03',
    '2027-12-31'                              -- before New Year (may become a day off by the 2027 decree)
  ]::date[]
where chat_id is null;
