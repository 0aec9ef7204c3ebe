extension ToneLexicon {
    /// The built-in Russian and English lexicon (written for Backlash; sentiment on VADER's -4...4 scale).
    public static let standard = ToneLexicon(entries: standardEntries)

    /// The entries of the built-in lexicon, from the word lists below.
    static var standardEntries: [Entry] {
        var list: [Entry] = []
        for (words, _) in [(russianSentiment, 0), (englishSentiment, 1)] {
            for item in words.split(whereSeparator: \.isWhitespace) {
                let parts = item.split(separator: ":")
                list.append(Entry(String(parts[0]), valence: Double(parts[1]) ?? 0))
            }
        }
        for item in boosters.split(whereSeparator: \.isWhitespace) {
            let parts = item.split(separator: ":")
            list.append(Entry(String(parts[0]), intensity: Double(parts[1]) ?? 0, roles: .booster))
        }
        for (words, role) in roleLists {
            for word in words.split(whereSeparator: \.isWhitespace) {
                list.append(Entry(String(word), roles: role))
            }
        }
        return list
    }

    /// Words and stems that only carry roles.
    private static var roleLists: [(String, Role)] {
        [
            (negations, .negation),
            (profanity, .profanity),
            (interjections, .interjection),
            (greetings, .greeting),
            (orderCues, .orderCue),
            (currencies, .currency),
            (units, .unit),
            (dateWords, .dateWord),
            (months, .month),
            (questionWords, .questionWord),
            (suggestionCues, .suggestionCue),
            (strongSuggestionCues, .strongSuggestionCue),
            (conditionals, .conditional),
            (pleaseWords, .please),
            (politeWords, .politeness),
            (contrasts, .contrast),
            (problemCues, .problemCue),
            (functionalWords, .functional),
            (laughter, .laughter),
            (insults, .insult),
            (englishCommon, .englishCommon),
        ]
    }

    private static let russianSentiment = """
        ужас*:-3.0 кошмар*:-3.0 отврат*:-3.2 мерзк*:-2.9 мерзост*:-2.9 гадк*:-2.5 гадост*:-2.5 гадство:-2.7
        хам*:-2.6 хамств*:-2.8 хамск*:-2.8 обман*:-2.8 развод*:-2.3 развел*:-2.3 мошен*:-3.2 позор*:-2.8
        плох*:-2.5 худш*:-3.0 хуже:-2.0 отстой*:-2.6 противн*:-2.2 грязн*:-2.0 груб*:-2.3 обидн*:-2.0 обиде*:-2.0
        разочаров*:-2.4 недовол*:-2.2 бесит:-2.4 бесят:-2.4 бесполезн*:-2.3 безобраз*:-2.7 возмут*:-2.7
        возмущ*:-2.7 жалоб*:-1.4 проблем*:-1.6 ошиб*:-1.5 слома*:-2.0 сломан*:-2.0 задерж*:-1.3 опозд*:-1.5
        долго:-1.2 медлен*:-1.2 невкусн*:-2.3 несвеж*:-2.3 испорч*:-2.3 испорт*:-2.3 тухл*:-2.6 граб*:-3.0
        вор:-2.8 воры:-2.8 воров*:-2.8 ворую*:-2.8 ворюг*:-2.8 кинули:-2.5 кидал*:-2.5 обокрал*:-3.0 украл*:-2.8
        нагл*:-2.5 обнагле*:-2.7 издева*:-2.8 бардак*:-2.5 дурдом*:-2.5 цирк:-1.5 идиот*:-2.7 дебил*:-2.9
        урод*:-3.0 кретин*:-2.8 придур*:-2.7 дурак*:-2.4 тупой:-2.4 тупые:-2.4 тупых:-2.4 тупо:-2.0 жуть:-2.5
        жутк*:-2.5 беспредел*:-3.0 стыд*:-2.2 халтур*:-2.3 некомпетен*:-2.6 неуважен*:-2.4 неуважит*:-2.4
        игнор*:-1.8 неприемлем*:-2.5 груст*:-1.8 печал*:-1.8 бешен*:-2.6 ненави*:-3.2 странн*:-0.8 таракан*:-2.5
        неприятн*:-2.0 невежлив*:-2.2 непрофесс*:-2.5 неадекват*:-2.5 неудобн*:-1.8 нехорош*:-1.9 фигн*:-2.0
        хрень:-2.3 лажа:-2.0 облом*:-2.0 косяк*:-1.8 косяч*:-1.8 бред:-2.2 бредов*:-2.2 лохотрон*:-3.0 жулик*:-3.0
        жульн*:-3.0 аферист*:-3.0 вымогат*:-2.8 обдира*:-2.6 катастроф*:-2.8 провал*:-2.2 раздража*:-2.2 злюсь:-2.3
        злой:-2.0 злая:-2.0 жаль:-1.2 сожален*:-1.0 увы:-1.0 ненормальн*:-2.0 капец*:-2.0 трындец*:-2.2
        разгнев*:-2.8 отказал*:-1.2 обидел*:-2.0 неисправ*:-1.8 брак:-1.5 бракован*:-2.0 грубиян*:-2.5
        отвратн*:-3.0 охрене*:-2.5 паршив*:-2.5 днище:-2.8 убог*:-2.6 достал*:-1.8 надоел*:-2.0 устал*:-1.2
        хорош*:1.9 отличн*:3.0 прекрасн*:3.0 замечатель*:3.0 великолепн*:3.1 супер:2.5 суперск*:2.5
        классн*:2.5 круто:2.3 крутой:2.3 крутая:2.3 крутые:2.3 кайф*:2.5 спасиб*:1.9 благодар*:2.0 люблю:3.0
        любим*:2.5 нравит*:2.0 нравят*:2.0 понрав*:2.1 рад:2.0 рада:2.0 рады:2.0 радует:2.2 порадов*:2.2
        удобн*:1.8 быстро:1.2 быстр*:1.0 вежлив*:2.0 вкусн*:2.4 доволен:2.0 довольна:2.0 довольны:2.0 молодц*:2.6
        рекоменд*:1.6 советую:1.6 помогл*:1.6 помог:1.6 идеальн*:2.8 чудесн*:2.8 восторг*:3.0 восхит*:3.0
        приятн*:2.0 лучш*:2.5 профессион*:1.6 счаст*:2.7 браво:2.5 шикарн*:3.0 здорово:2.4 здоровск*:2.4
        уютн*:2.0 внимательн*:1.8 оперативн*:1.8 обожа*:3.0 неплох*:1.5 норм:0.8 нормальн*:0.8 ура:2.0
        чутк*:1.8 прелест*:2.6 благодарю:2.0 выручил*:2.0 спас:1.8 спасли:1.8 умнички:2.5 умница:2.5
        """

    private static let englishSentiment = """
        bad:-2.5 badly:-2.5 terribl*:-3.4 awful*:-3.1 horribl*:-3.3 horrend*:-3.3 worst:-3.1 worse:-2.1 hate*:-2.7
        disgust*:-3.0 useless:-2.4 scam*:-3.0 fraud*:-3.0 rude*:-2.0 broken:-1.9 poor:-2.0 poorly:-2.0
        disappoint*:-2.2 angry:-2.3 anger*:-2.3 annoy*:-2.0 ridiculous*:-2.0 pathetic*:-2.8 unacceptab*:-2.6
        shame*:-2.3 liar*:-2.4 lie:-2.0 lies:-2.0 lied:-2.4 lying:-2.4 cheat*:-2.3 steal*:-2.4 stole*:-2.4
        ripoff*:-2.7 incompeten*:-2.5 slow:-1.0 dirty:-1.9 wrong:-2.0 fail*:-2.0 problem*:-1.7 issue:-1.0
        issues:-1.0 complain*:-1.5 waste*:-1.9 nightmare*:-3.0 sucks:-2.4 suck:-2.4 sucked:-2.4 lame:-1.8
        crap*:-2.5 garbage:-2.5 trash*:-2.2 stupid*:-2.4 idiot*:-2.7 moron*:-2.7 ugly:-2.0 mess:-1.5 messy:-1.5
        sad:-2.0 upset*:-2.0 frustrat*:-2.2 furious*:-3.0 outrage*:-3.0 unhappy:-2.0 bug:-1.0 bugs:-1.0
        buggy:-1.5 crash*:-1.8 delay*:-1.3 overcharg*:-2.2 dishonest*:-2.5 mislead*:-2.0 misled:-2.0
        dangerous*:-2.0 sick:-1.7 unprofess*:-2.3 ignor*:-1.5 fake:-2.0 expensive:-1.0 boring:-1.5 disaster*:-2.8
        weird:-1.0 strange:-0.8 shocking*:-2.0 appalling*:-3.0 atrocious*:-3.1 dreadful*:-3.0 mediocre:-1.5
        unreliabl*:-2.0 cockroach*:-2.5 rotten:-2.5 stale:-1.8 cold:-0.5 late:-1.0 lost:-1.2 missing:-1.2
        damaged:-1.8 defect*:-1.8 clown*:-2.2 loser*:-2.5 jerk*:-2.3 dumb:-2.2 bullied:-2.5 mad:-2.0 livid:-3.0
        insult*:-2.5 joke:-1.2 sorry:-0.5 unfortuna*:-1.0 regret*:-1.5
        good:1.9 great*:3.1 excellen*:3.2 amazing*:2.8 amazed:2.6 awesome*:3.1 love:3.2 loved:3.0 loves:3.0
        loving:2.8 lovely:2.8 thanks:1.9 thank:1.5 thankful:2.0 perfect*:2.7 best:3.2 nice:1.8 happy:2.7
        helpful*:1.8 fast:1.0 quick:1.0 quickly:1.0 friendly:2.2 polite*:1.8 wonderful*:2.7 fantastic*:2.6
        recommend*:1.5 pleased:1.9 satisf*:1.8 glad:2.0 enjoy*:2.2 fine:0.8 cool:1.3 brilliant*:2.8
        impress*:2.1 appreciat*:1.9 kind:1.6 kindly:1.4 delicious*:2.7 tasty:2.0 beautiful*:2.9 solved:1.0
        resolved:1.0 superb*:3.0 outstandin*:3.0 grateful*:2.0 smooth*:1.2 easy:1.3 reliable:1.8
        liked:1.5 fixed:0.8 win:1.5 wow:1.5 yay:2.2 hero*:2.2 legend*:2.0 kudos:2.2 bravo:2.5 fabulous*:2.8
        """

    private static let boosters = """
        очень:0.293 совсем:0.293 крайне:0.293 абсолютно:0.293 невероятно:0.293 чрезвычай*:0.293 слишком:0.293
        настолько:0.293 реально:0.2 жутко:0.293 полностью:0.293 совершенно:0.293 самый:0.293 самая:0.293
        самое:0.293 самые:0.293 самых:0.293 вообще:0.2 так:0.2 такой:0.2 такая:0.2 такое:0.2 весьма:0.293
        сильно:0.293 безумно:0.293 дико:0.293 максимальн*:0.293 столь:0.293 просто:0.15
        немного:-0.293 чуть:-0.293 слегка:-0.293 несколько:-0.2 почти:-0.293 едва:-0.293 относитель*:-0.2
        довольно:0.15
        very:0.293 extremely:0.293 absolutely:0.293 completely:0.293 totally:0.293 really:0.293 so:0.293
        too:0.293 incredibly:0.293 utterly:0.293 highly:0.293 deeply:0.293 truly:0.293 fully:0.293
        seriously:0.293 most:0.293 especially:0.293 insanely:0.293 super:0.293 such:0.2 terribly:0.2
        slightly:-0.293 somewhat:-0.293 kinda:-0.293 barely:-0.293 hardly:-0.293 marginally:-0.293
        almost:-0.293 partly:-0.293 fairly:-0.1 rather:-0.1
        """

    private static let negations = """
        не нет ни никогда ничуть ничего нисколько без никак отнюдь нельзя
        not no never neither nor none nobody nothing nowhere without cannot can't cant don't dont doesn't doesnt
        didn't didnt isn't isnt wasn't wasnt aren't arent weren't werent won't wouldn't wouldnt shouldn't
        couldn't couldnt haven't havent hasn't hasnt hadn't ain't mustn't
        """

    private static let profanity = """
        бля* хуй хуя* хуе* хуи* нахуй нахуя похуй* охуе* ахуе* пизд* распизд* спизд* еба* ебал* ебан* ебуч* ебл*
        ебу* ебе* заеб* наеб* выеб* уеб* отъеб* доеб* долбое* долбае* сука суки суку сукой сучк* сучар* мудак*
        мудач* мудил* гандон* говн* дерьм* залуп* пидор* пидар* шлюх* херн* нахер похер* хер
        fuck* fck* fuk* motherf* shit* bullshit* bitch* asshole* ass dick dickhead* bastard* cunt* piss*
        dumbass* stfu
        """

    private static let interjections = """
        капец* блин жесть офиге* обалде* ппц трындец* звездец* караул боже господи елки охрене* нифига черт
        чертов* ой ай ух эх фу офигенно офиге* ого доколе
        wtf omg ugh argh wow damn jeez geez ffs smh gosh yikes ew eww whoa ouch seriously omfg
        """

    private static let greetings = """
        здравствуй* здрасьте привет* добрый доброе доброго доброй
        hello hi hey dear greetings morning afternoon evening
        """

    private static let orderCues = """
        заказ* номер договор* чек чека чеке тикет* заявк* обращени* накладн* брон* трек* счет счета
        order* ticket* invoice* booking* reservat* ref reference case tracking receipt* id number
        """

    private static let currencies = """
        руб* р коп* usd rub eur евро доллар* долл* бакс* гривен* тенге
        dollar* bucks euro* pounds quid cents
        """

    private static let units = """
        грамм* гр кг килограм* литр* мл минут* мин час* часа ч секунд* дней дня день дни сутки суток недел*
        месяц* лет год года годы годами штук* шт км метр* раз раза тыс тысяч*
        minute* mins min hour* hrs hr day days week* month* year* times grams gram kg kilos items pcs
        pieces km miles meters
        """

    private static let dateWords = """
        вчера сегодня позавчера утром вечером днем ночью понедельн* вторник* среду четверг* пятниц* суббот*
        воскресень*
        yesterday today tonight morning monday* tuesday* wednesday* thursday* friday* saturday* sunday*
        """

    private static let months = """
        январ* феврал* март марта апрел* мая май июн* июл* август* сентябр* октябр* ноябр* декабр*
        january february march april may june july august september october november december
        jan feb mar apr jun jul aug sep sept oct nov dec
        """

    private static let questionWords = """
        как когда где почему зачем сколько куда откуда кто что чем какой какая какие каким можно подскажите
        подскажи скажите скажи разве неужели
        how when where why what who which can could is are do does did will should may
        """

    private static let suggestionCues = """
        добав* внедр* сделайте появил*
        add added adding include implement introduce option
        """

    private static let strongSuggestionCues = """
        предлага* пожелани* идея идею предложени* хотелось
        suggest* wish wishlist feature
        """

    private static let conditionals = "бы would could"

    private static let pleaseWords = "пожалуйста плиз please pls plz"

    private static let politeWords = """
        спасибо благодар* извините простите прошу уважаемые уважаемый
        thank* thanks sorry kindly appreciate* regards
        """

    private static let contrasts = "но однако зато but however"

    private static let problemCues = """
        слома* сломан* глюч* глюк* завис* вылета* ошиб* списал* списыва* списали верните вернуть возврат*
        задерж* опозд* потерял* потеря* пропал* жду ждем ждал* обман* мошен* развод* украл* испорч* бракован*
        таракан* недовес* недолож* перевес* двойн* дважды
        broken broke crash* bug bugs buggy error* charged overcharg* refund* late delay* lost missing waiting
        waited stuck scam* fraud* fail* defect* damaged cancel* twice
        """

    private static let functionalWords = """
        работает работают работал* работало пришел пришла пришло пришли приехал* привезли доставили доставлен*
        ответили отвечают отвечает ответа загружает* грузит* открывает* включает* вернули получил* хватает
        помогли помогло
        work works worked working arrived arrive came come load loads loading open opens respond responded
        responding answer answered received receive delivered got get refunded help helped
        """

    private static let laughter = """
        ахах* хаха* хехе* ахаха* лол ржу ржака кек
        haha* ahah* hehe* lol lmao rofl lulz
        """

    private static let insults = """
        идиот* дебил* тупой тупые тупых тупица кретин* придур* дурак* урод* лох лохи лохов клоун* бездар* даун*
        idiot* moron* stupid* dumb clown* loser* jerk* dumbass*
        """

    private static let englishCommon = """
        the a an and is are was were i you my your to of in it this that for on with have has be we me our at
        they what how do did
        """
}
