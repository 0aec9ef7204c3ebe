import BacklashCore

/// The posts the daemon benchmarks send: ordinary chatter as background traffic, and trigger posts that each
/// open an incident severe enough to page at once.
///
/// Background: thanks and remarks, and one post in ten a mild complaint, from small accounts (20–2,000
/// followers), each text made unique by its details (order numbers, streets, times), with reposts and replies of the
/// same client's recent posts. It is judged in full (tone, mentions, near-duplicate index, cascades) and opens the
/// odd `low` incident, but it is no grievance storm and pages nobody by itself: every page in a run is a trigger's.
///
/// Trigger: an angry complaint by an author with 120k–400k followers ("Такси списало деньги ещё ДО поездки!!!"
/// shaped, as in the taxi story). Alone it scores `high`, above the default `page_at: medium`, so the post that
/// arrives is the one that crosses the escalation threshold and the default policy pages the on-call manager.
/// Each trigger has details of its own, so no two are near-duplicates and each opens its own incident.
struct BenchPosts: Sendable {
    var random: SeededRandom

    /// Creates a generator; equal seeds give equal streams.
    init(seed: UInt64) {
        random = SeededRandom(seed: seed)
    }

    static let names = ["Игорь", "Марина", "Олег", "Светлана", "Дмитрий", "Алина", "Сергей", "Катя", "Павел", "Нина",
        "Артём", "Вера", "Руслан", "Ольга", "Тимур", "Лиза", "Антон", "Юля", "Максим", "Даша", "Кирилл", "Полина",
        "Егор", "Соня", "Роман", "Ира", "Глеб", "Аня", "Илья", "Женя"]
    static let streets = ["Ленина", "Тверской", "Гагарина", "Садовой", "Мира", "Пушкина", "Лесной", "Победы",
        "Невском", "Советской", "Кирова", "Набережной", "Горького", "Чехова", "Лермонтова", "Школьной", "Заречной",
        "Полевой", "Молодёжной", "Центральной"]
    static let cities = ["Москве", "Казани", "Самаре", "Перми", "Туле", "Омске", "Сочи", "Твери", "Уфе", "Иркутске",
        "Томске", "Вологде", "Калуге", "Рязани", "Курске", "Пензе", "Тюмени", "Барнауле", "Саратове", "Ярославле"]
    static let items = ["пиццу", "роллы", "продукты", "цветы", "лекарства", "кофе", "бургер", "торт", "салат", "суп",
        "пельмени", "шаурму", "пироги", "фрукты", "воду", "корм", "хлеб", "сырники", "лапшу", "мороженое"]

    // Background texts: every few words a detail of many values (a time, a house number, an order number), so that
    // two posts share few word 3-shingles and ordinary chatter does not pile up into near-duplicate groups.
    static let thanks = [
        "Спасибо, %n привёз %i на %s в %h, заказ %o, всё отлично.",
        "%n довёз меня от %s до улицы %s за %d минут, спасибо!",
        "Thanks %n, the %i came to %s at %h, order %o.",
        "Заказали %i в %c в %h, %n принёс к %s горячим, заказ %o, спасибо!",
    ]
    static let remarks = [
        "Заказ %o: %i на %s, курьер %n, пришёл в %h, спасибо, всё отлично.",
        "В %c на %s открылась новая точка, курьер %n уже привёз нам %i в %h, здорово!",
        "%n, ваш курьер, помог донести %i до %s, заказ %o, приятно.",
        "Сегодня в %h %n привёз %i на %s, заказ %o, спасибо, как обычно вовремя.",
    ]
    static let repostComments = ["RT спасибо, отличный сервис!", "RT согласен, всё супер", "RT 👍 молодцы, спасибо",
        "RT thanks, great service"]
    static let complaints = [
        "Курьер %n опоздал на %d минут на %s, заказ %o, %i остыл.",
        "Заказ %o в %c: привезли не тот %i на %s, жду замену с %h.",
    ]

    static let triggerOpeners = ["Это просто позор!!!", "Я В БЕШЕНСТВЕ!!!", "Какое безобразие!!!",
        "Это вообще законно???", "Никогда больше!!!", "Меня обокрали!!!", "Это мошенничество!!!", "Ужас, просто ужас!!!"]
    static let triggerProblems = [
        "Такси списало с моей карты %m руб. ещё ДО поездки, заказ %o в %c",
        "Курьер %n не привёз %i на %s, а деньги %m руб. списали дважды, заказ %o",
        "Водитель %n нагрубил и высадил меня на %s в %c, а поездку %o списали",
        "Третий день жду возврат %m руб. за заказ %o, поддержка в %c молчит",
    ]
    static let triggerDemands = ["Верните деньги немедленно!!!", "Требую объяснений публично!!!",
        "Позор вашей компании!!!", "Отвечайте, почему вы воруете деньги???"]

    mutating func fill(_ template: String) -> String {
        var out = ""
        var iterator = template.makeIterator()
        while let ch = iterator.next() {
            guard ch == "%", let slot = iterator.next() else {
                out.append(ch)
                continue
            }
            switch slot {
            case "n": out += pick(Self.names)
            case "s": out += pick(Self.streets) + " " + String(1 + random.below(120))
            case "c": out += pick(Self.cities)
            case "i": out += pick(Self.items)
            case "o": out += "№" + String(100_000 + random.below(900_000))
            case "m": out += String(1 + random.below(9_999))
            case "d": out += String(2 + random.below(58))
            case "h": out += format2(Int(random.below(24))) + ":" + format2(Int(random.below(60)))
            default: out += "%" + String(slot)
            }
        }
        return out
    }

    func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    mutating func pick(_ pool: [String]) -> String { pool[Int(random.below(UInt64(pool.count)))] }

    /// Background post `n` of a client (ids `bg-CLIENT-N`), created now. From the client's 10,000th post on, three
    /// in ten repost and one in ten answer one of its last 10,000 posts, so a post gets 0.4 reshares or replies on
    /// average; never a complaint's (complaints stay single posts, as most do).
    mutating func background(client: Int, n: Int, now: Double) -> String {
        let id = "bg-\(client)-\(n)"
        let author = "u\(random.below(200_000))"
        let complaint = Self.isComplaint(client: client, n: n)
        let followers = complaint ? 20 + random.below(480) : 20 + random.below(1_980)
        let kind = random.below(10)
        var parent = ""
        var text: String
        if !complaint && n > 10_000 && kind < 4 {
            var target = n - 1 - Int(random.below(10_000))
            while Self.isComplaint(client: client, n: target) { target -= 1 }
            parent = #","\#(kind < 3 ? "repost_of" : "reply_to")":"bg-\#(client)-\#(target)""#
            // A bare "RT" would read as a complaint to the detector (its tone is `problem` at valence 0): the
            // reposts say a word of their own, as quote-reposts do.
            text = kind < 3 ? pick(Self.repostComments) : fill(pick(Self.thanks))
        } else {
            text = backgroundText(complaint: complaint)
        }
        return #"{"platform":"twitter","id":"\#(id)","author":{"id":"\#(author)","handle":"@\#(author)","#
            + #""followers":\#(followers),"following":\#(random.below(500))},"text":"\#(text)","#
            + #""created_at":"\#(RFC3339.format(now))","channel":"post","lang":"ru"\#(parent)}"#
    }

    /// Whether background post `n` of a client is a complaint (one in ten, fixed by its number).
    static func isComplaint(client: Int, n: Int) -> Bool {
        var r = SeededRandom(seed: UInt64(client) << 40 ^ UInt64(n))
        return r.below(10) == 9
    }

    /// The text of an original background post: thanks, a question or a remark, or a mild complaint, with details
    /// of its own.
    mutating func backgroundText(complaint: Bool = false) -> String {
        if complaint { return fill(pick(Self.complaints)) }
        return fill(pick(random.below(2) == 0 ? Self.thanks : Self.remarks))
    }

    /// The text of a trigger post: angry, specific, demanding.
    mutating func triggerText() -> String {
        pick(Self.triggerOpeners) + " " + fill(pick(Self.triggerProblems)) + ". " + pick(Self.triggerDemands)
    }

    /// Trigger post `n` (id `trigger-N`), created now.
    mutating func trigger(_ n: Int, now: Double) -> String {
        let text = triggerText()
        let followers = 120_000 + random.below(280_000)
        return #"{"platform":"twitter","id":"trigger-\#(n)","author":{"id":"vip\#(n)","handle":"@vip\#(n)","#
            + #""followers":\#(followers),"following":\#(100 + random.below(900))},"text":"\#(text)","#
            + #""created_at":"\#(RFC3339.format(now))","channel":"post","lang":"ru"}"#
    }
}

