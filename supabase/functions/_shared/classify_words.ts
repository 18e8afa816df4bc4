// Russian vocabulary of the rule classifier, matched against NORMALISED text (lower case, ё → е, only
// letters/digits separated by single spaces; see normalize() in classify.ts).
// Each list is `|`-separated regex alternatives that match whole words; `\S*` after a stem accepts any
// inflection ("справк\S*"); an alternative may be a phrase of several words ("не надо").

/** Whole-word matcher from a ` | `-separated list (a tagged template, so `\S` needs no escaping). */
export function words(list: TemplateStringsArray): RegExp {
  // Only a bar with blanks on both sides separates entries: `(?:а|б)` inside an entry stays intact.
  const alternatives = String.raw(list).trim().split(/\s+\|\s+/);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "gu");
}

/** Question words that make a message a question wherever they stand. */
export const QUESTION_WORDS = words`
  где | когда | када | почему | зачем | сколько | куда | откуда | каков\S* | ли | разве | неужели |
  как(?:ой|ая|ое|ие|ую|им|их|ом|ому)`;

/** Question words that are also common in statements: counted only at the start of a clause. */
export const CLAUSE_QUESTION_WORDS =
  /^(?:(?:а|и|ну|так|ой) )?(?:что|как|кто|чем|во сколько|на сколько|насколько)(?: |$)/u;
export const NOT_A_QUESTION = /^(?:как (?:договаривались|обычно|всегда|и|будто|раз)|что (?:бы|то))(?: |$)/u;

/** Asking someone to act: informal imperatives and modal asks (polite imperatives: ASKING_ENDING). */
export const ASK_WORDS = words`
  глянь | скинь | пришли | сделай | посмотри | проверь | подскажи | напиши | позвони | перезвони | отправь |
  помоги | скажи | дай | набери | подготовь | посчитай | напомни | можно | могли бы | прошу | просим`;

/** Polite imperatives and "you will …?" forms: пришлите, сделайте, проверьте, пришлете, поможете. */
export const ASKING_ENDING = /^\S{3,}(?:ите|йте|ьте|ете)$/u;
/** Words with that ending that ask nothing (greetings, apologies, nouns in the locative). */
export const NOT_ASKING = new Set(
  `здравствуйте извините простите поздравляйте сайте анкете пакете бюджете кабинете ответе предмете конверте
   лимите кредите депозите визите совете комитете билете`.split(/\s+/),
);

/** Needs and wants: a request unless the message is a clarification of an earlier one. */
export const NEED_WORDS = words`
  нужн\S* | нужен | надо | необходим\S* | требует\S* | проси[тм] | просьба\S* | попрос\S* | хотим | хочу |
  хотел\S* бы | интересует | вопрос\S* | есть новости | новост\S* | жд[еу]м? от вас | ожида\S* | обещали |
  помо(?:щь|гите) | жд\S* ответ\S* | (?:еще|все еще|до сих пор) жд\S* | жд\S* (?:еще|уже)`;

/** Something is broken or late: always worth an answer. */
export const PROBLEMS = words`
  не (?:могу|можем|может|получается|получилось|выходит|работает|проходит) |
  не (?:приходит|пришл\S*|пришел|видно|вижу|понимаю|понятно|нашл\S*) |
  непонятно | ошибк\S* | ошибочн\S* | заблокир\S* | блокировк\S* | срочно\S* | проблем\S* | штраф\S* | пени |
  задолженност\S* | до сих пор | все еще нет | так и нет`;

/** The firm's subject matter: documents, taxes, payroll, bank. A message about them is work. */
export const DOMAIN_NOUNS = words`
  справк\S* | акт(?:а|ы|ов|е|ом|ами|у)? | сверк\S* | пл[аи]тежк\S* | платежн\S* | сч[еи]т(?:а|у|ом|е|ов|ами)? |
  щет\S* | счф | фактур\S* | декларац\S* | ндфл | ндс | усн | осно | енп | енс | взнос\S* | налог\S* | отчет\S* |
  баланс\S* | зарплат\S* | зп | аванс\S* | отпуск\S* | больничн\S* | уволь\S* | увольнени\S* | прием\S* |
  трудов\S* | договор(?:а|у|ом|е|ы|ов|ами|ах)? | договорн\S* | накладн\S* | упд | выписк\S* | банк\S* | кбк |
  ифнс | фнс | сфр | фсс | пфр | сзв\S* | рсв | кудир | патент\S* | касс\S* | ккт | чек\S* | эцп | эп |
  доверенност\S* | реквизит\S* | 1с | субсиди\S* | вычет\S* | возврат\S* | возмещени\S* | командиров\S* |
  инвентаризац\S* | ведомост\S* | расчет\S* | листк\S* | преми\S* | пособи\S* | устав\S* | сертификат\S* |
  кредит\S* | документ\S* | заявлени\S* | уведомлени\S* | требовани\S* | проверк\S* | имуществ\S* | прибыл\S* |
  дивиденд\S* | заем\S* | займ\S* | совместител\S* | декрет\S* | оплат[аеуы] | поступлени\S* | 115 фз`;

/** Marks a message that adds detail to an earlier one, when it opens the message. */
export const CLARIFICATION_LEAD = new RegExp(
  String.raw`^(?:(?:ой|и|да|а|ps|p s|зы) )*(?:уточня\S*|уточнени\S*|уточню|забыл|забыла|поправк\S*|` +
    String.raw`исправлени\S*|дополнени\S*|дополняю|добавлю|добавляю|точнее|вернее|опечатк\S*|имел\S* в виду|p s|ps)` +
    "(?: |$)",
  "u",
);

/** Identifiers and values a client sends as a detail ("ИНН 7712345678", "сумма 45 000"). */
export const DETAIL_WORDS = words`
  инн | кпп | огрн\S* | бик | р с | рс | к с | снилс | паспорт\S* | сумм\S* | номер\S* | дат\S* | период\S* |
  квартал\S* | месяц\S* | год\S* | телефон\S* | тел | почт\S* | адрес\S* | руб\S*`;

/** The request was withdrawn or posted by mistake. */
export const WITHDRAWN = words`
  не надо | уже не нужн\S* | больше не нужн\S* | не актуальн\S* | неактуальн\S* | вопрос снят | вопрос решен |
  отбой | не туда | ошибл\S* чатом | не в тот чат | разобрал\S*`;

/** Advertising; two different hits make a message SPAM. */
export const SPAM_MARKERS = words`
  заработ\S* | крипт\S* | казино | подписывайтесь | подпишись | канал\S* | переходи\S* по ссылке | бесплатн\S* |
  скидк\S* | пассивн\S* | в лс | в личку | розыгрыш\S* | t me | https? | www | инвестиц\S* | доход\S* от |
  от \d+ в (?:день|месяц)`;

export const GRATITUDE = words`спасиб\S* | спс | благодар\S* | мерси | thanks? | thank you | thx | пасиб\S* | сенкс`;

/** Acknowledgements and status reports that expect no answer. */
export const ACKNOWLEDGEMENTS = words`
  ок | окей | ok | okay | окс | хорошо | понял\S* | понятно | ясно | договорились | принято | принял\S* |
  отлично | супер | класс | ага | угу | да | жду | ждем | ждать | ладно | добро | годится | верно | точно |
  конечно | замечательно | прекрасно | получил\S* | пришло | оплатил\S* | отправил\S* | подписал\S* | сделал\S* |
  в порядке | норм\S* | на связи | все`;

/** Greetings and wishes: on their own they need no answer, but they usually open a request. */
export const GREETINGS = words`
  здравствуй\S* | здрасте | добр\S* (?:день|дня|утро|утра|вечер|вечера|ночи) | привет\S* | приветствую |
  хорошего (?:дня|вечера) | хороших выходных | всего доброго | до свидания | до завтра |
  с наступающим(?: новым годом)? | с новым годом | с праздник\S* | поздравля\S*`;

/** Words that carry no meaning of their own around thanks and greetings. */
export const FILLER = words`
  пожалуйста | пож | плиз | вам | вас | вы | мы | я | тебе | очень | большое | огромное | всем | коллеги | и | а |
  уже | тогда | ну | так | вот | тоже | же | то | буду | будем | за | еще`;
