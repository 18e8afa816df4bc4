-- People, one rule each: what a Telegram user is in a chat (and the roles derived from it), the name the
-- firm shows for them, and who stands in for a chat's managers. Every row is one case a product person
-- can check against the rule written above it.
begin;
create extension if not exists pgtap with schema extensions;
select plan(31);
\ir helpers/sla_fixture.psql
do $$ begin
  perform pg_temp.chat(-1000200000001);                     -- accountant 800001 «Бухгалтер Анна», manager 800002
  insert into public.chats (id, title, threshold_minutes) values (-1000200000002, 'Без руководителей', 60);
  insert into public.chat_staff (chat_id, telegram_user_id, role, is_primary, display_name) values
    (-1000200000002, 800001, 'accountant', true, 'Анна из второго чата'),
    (-1000200000002, 700003, 'accountant', false, 'Оля');  -- 700003 is «Ольга Бухгалтер» in the console
end $$;

-- 1. The role of a Telegram user in a chat: bot, else their staff role in that chat, else global
--    manager, else client.
select is(authz.chat_role(t.chat_id, t.telegram_id, t.is_bot), t.role, format('%s: %s', t.who, t.role))
from (values
  ('a bot',                                    -1000200000001::bigint, 800001::bigint, true,  'bot'),
  ('the chat''s accountant',                   -1000200000001, 800001, false, 'accountant'),
  ('the chat''s manager',                      -1000200000001, 800002, false, 'manager'),
  ('a global manager',                         -1000200000001, 900001, false, 'global_manager'),
  ('a global manager with no chat',            null,           900001, false, 'global_manager'),
  ('an accountant of another chat',            -1000200000002, 800002, false, 'client'),
  ('anyone else',                              -1000200000001, 555001, false, 'client'),
  ('anyone else, bot flag unknown',            -1000200000001, 555001, null,  'client')
) t (who, chat_id, telegram_id, is_bot, role);

-- messages.sender_kind is that role, with outgoing messages as bot and global managers as managers.
select is(sla.sender_kind(t.chat_id, t.telegram_id, t.is_bot, t.direction), t.kind, format('sender_kind of %s: %s', t.who, t.kind))
from (values
  ('our own outgoing message', -1000200000001::bigint, 800001::bigint, false, 'out', 'bot'),
  ('a bot',                    -1000200000001, 555001, true,  'in',  'bot'),
  ('the chat''s accountant',   -1000200000001, 800001, false, 'in',  'accountant'),
  ('a global manager',         -1000200000001, 900001, false, 'in',  'manager'),
  ('a client',                 -1000200000001, 555001, false, 'in',  'client')
) t (who, chat_id, telegram_id, is_bot, direction, kind);

-- 2. A person's name: the name given in the console, else the chat's display name (the asking chat's
--    first), else their Telegram name, else their id.
select is(authz.person_name(t.telegram_id, t.chat_id, t.telegram_name), t.name, format('%s → %s', t.who, t.name))
from (values
  ('console name wins over the chat''s',        700003::bigint, -1000200000002::bigint, 'Olga', 'Ольга Бухгалтер'),
  ('console name without a chat',               700002, null,            null,    'Мария Руководитель'),
  ('the chat''s display name',                  800001, -1000200000001,  'Anna',  'Бухгалтер Анна'),
  ('the same person in another chat',           800001, -1000200000002,  null,    'Анна из второго чата'),
  ('a display name from any chat, none given',  800002, null,            null,    'Руководитель Борис'),
  ('a client: their Telegram name',             555001, -1000200000001,  ' Иван ', 'Иван'),
  ('a client without a name',                   555002, -1000200000001,  '',      'id 555002')
) t (who, telegram_id, chat_id, telegram_name, name);
select is(authz.staff_display_name(555001, -1000200000001), null, 'someone the firm has not named has no staff name');

-- 3. Stand-ins for a chat's managers: its own managers, else the global managers, else nobody.
select is((select array_agg(m.telegram_user_id || ' ' || m.audience order by m.telegram_user_id)
             from authz.chat_managers(t.chat_id) m), t.expected, t.what)
from (values
  (-1000200000001::bigint, '{"800002 managers"}'::text[], 'a chat with a manager: that manager only'),
  (-1000200000002, '{"900001 global_managers"}', 'a chat without managers: the global managers'),
  (-1000200009999, '{"900001 global_managers"}', 'an unknown chat: the global managers')
) t (chat_id, expected, what);
update public.settings set global_manager_telegram_ids = '{}';
select is((select count(*) from authz.chat_managers(-1000200000002)), 0::bigint, 'no managers anywhere: nobody');
update public.settings set global_manager_telegram_ids = '{900001}';

-- Everyone who needs "the chat's managers, else the global ones" asks the same function.
select is((select array_agg(r.recipient order by r.recipient) from sla.alert_recipients(t.chat_id, 'breach') r), t.breach, t.what)
from (values
  (-1000200000001::bigint, '{800001,800002}'::bigint[], 'breach alerts: the chat''s accountant and manager'),
  (-1000200000002, '{700003,800001,900001}', 'breach alerts without chat managers: accountants and the global manager')
) t (chat_id, breach, what);
select is((select array_agg(r.telegram_user_id || ' ' || r.audience order by r.telegram_user_id) from sla.contact_recipients(t.chat_id) r),
          t.expected, t.what)
from (values
  (-1000200000001::bigint, '{"800001 accountants"}'::text[], 'client requests: the chat''s accountants first'),
  (-1000200009999, '{"900001 global_managers"}', 'client requests without accountants or managers: the global managers')
) t (chat_id, expected, what);

-- The role for the bot's commands combines the console role with the chat role (table in 31_chat_membership.sql).
select is(sla.telegram_role(900001, -1000200000001), 'manager', 'a global manager is a manager for the bot');
select is(sla.telegram_role(700003, -1000200000001), 'accountant', 'a console accountant is an accountant in any chat');

select * from finish();
rollback;
