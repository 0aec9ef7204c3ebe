import Foundation

/// Imports a Telegram Desktop export (`result.json`, "Export chat history" as JSON) into post format v1.
///
/// A post's id is `<chat id>/<message id>`, its `reply_to` the replied message in the same chat.
/// Channel messages get channel `post`, group messages `chat`, private chats `dm`. All reactions
/// together become `metrics.likes`. Service messages (joins, pins) are skipped, not rejected.
/// `date_unixtime` is used when present; the older `date` is the exporting computer's local time
/// without a zone and is read as UTC. A forwarded message keeps its origin in `source.forwarded_from`
/// but is not linked with `repost_of`: the export names the origin chat, never the original message.
/// A full account export (`chats.list`) is read chat by chat.
public struct TelegramExportImporter: PostImporter {
    /// When the export was taken, in seconds since the Unix epoch; becomes `observed_at` of posts with
    /// reactions. Nil leaves `observed_at` out.
    public var observedAt: Double?

    /// An importer stamping reaction counts with `observedAt` when given.
    public init(observedAt: Double? = nil) {
        self.observedAt = observedAt
    }

    /// Always `.telegram`.
    public var format: ImportFormat { .telegram }

    /// Converts an export to posts.
    public func convert(_ data: Data, sourceName: String) throws(ImportError) -> ImportResult {
        let documents = try format.jsonDocuments(in: data, sourceName: sourceName)
        var chats: [JSONValue] = []
        for document in documents {
            if document["messages"]?.arrayValue != nil {
                chats.append(document)
            } else if let list = document.value(at: "chats.list")?.arrayValue {
                chats.append(contentsOf: list.filter { $0["messages"]?.arrayValue != nil })
            } else {
                throw format.wrongShape(sourceName, found: document.shapeDescription, documents: documents)
            }
        }

        var builder = ImportResult.Builder()
        var forwarded = 0
        for chat in chats {
            let messages = chat["messages"]?.arrayValue ?? []
            if !messages.isEmpty, !messages.contains(where: { $0["type"]?.stringValue != nil && $0["id"] != nil }) {
                throw format.wrongShape(
                    sourceName,
                    found: "`messages` without `id` and `type` (the first is "
                        + "\(messages[0].shapeDescription))", documents: documents)
            }
            guard let chatID = chat["id"]?.looseInteger else {
                throw format.wrongShape(
                    sourceName, found: "a chat without a numeric `id` (\(chat.shapeDescription))", documents: documents)
            }
            let context = Context(
                chatID: chatID, chatName: chat["name"]?.stringValue, chatType: chat["type"]?.stringValue,
                sourceName: sourceName, observedAt: observedAt)
            for (offset, message) in messages.enumerated() {
                guard message["type"]?.stringValue == "message" else {
                    builder.skip()
                    continue
                }
                do throws(ImportRejection.Problem) {
                    let post = try context.post(from: message)
                    if post.source?["forwarded_from"] != nil || post.source?["forwarded_from_id"] != nil {
                        forwarded += 1
                    }
                    builder.add(post)
                } catch {
                    let id = message["id"]?.identifier.map { "message \($0)" } ?? "message \(offset + 1)"
                    let chatLabel = chats.count > 1 ? " in '\(context.chatName ?? String(chatID))'" : ""
                    builder.reject(index: offset + 1, location: id + chatLabel, error)
                }
            }
        }
        if forwarded > 0 {
            let messages =
                forwarded == 1 ? "1 forwarded message keeps its" : "\(forwarded) forwarded messages keep their"
            builder.note(
                "\(messages) origin in `source.forwarded_from` only: a Telegram export does not name the original "
                    + "message, so they are not linked as reposts.")
        }
        return builder.finish()
    }

    /// What converting one message needs from its chat.
    private struct Context {
        var chatID: Int
        var chatName: String?
        var chatType: String?
        var sourceName: String
        var observedAt: Double?

        var channel: ImportedPost.Channel? {
            switch chatType {
            case "public_channel", "private_channel": return .post
            case "public_supergroup", "private_supergroup", "private_group": return .chat
            case "personal_chat", "bot_chat", "saved_messages": return .dm
            default: return nil
            }
        }

        var isChannel: Bool { channel == .post }

        func post(from message: JSONValue) throws(ImportRejection.Problem) -> ImportedPost {
            guard let id = message["id"]?.looseInteger else { throw ImportRejection.Problem("has no numeric `id`") }
            let created: Double
            if let unixTime = message["date_unixtime"]?.looseInteger {
                created = Double(unixTime)
            } else if let dateText = message["date"]?.stringValue {
                guard let seconds = ImportTimestamp.seconds(fromDate: dateText) else {
                    throw ImportRejection.Problem("has `date` '\(dateText)', which is not a date")
                }
                created = seconds
            } else {
                throw ImportRejection.Problem("has neither `date_unixtime` nor `date`")
            }
            // Channel posts name the channel as sender; very old exports leave `from_id` out for them.
            guard let authorID = message["from_id"]?.identifier ?? (isChannel ? "channel\(chatID)" : nil) else {
                throw ImportRejection.Problem("has no `from_id`, so its author is unknown")
            }
            var author = ImportedPost.Author(id: authorID)
            author.name = message["from"]?.stringValue ?? (isChannel ? chatName : nil)

            var post = ImportedPost(
                platform: "telegram", id: "\(chatID)/\(id)", author: author, text: Self.plainText(message["text"]),
                createdAt: ImportTimestamp.rfc3339(created), channel: channel)
            var source: [String: ImportedPost.SourceValue] = ["format": .text("telegram"), "file": .text(sourceName)]
            if let chatName { source["chat"] = .text(chatName) }

            if let parent = message["reply_to_message_id"]?.looseInteger {
                // A reply to another chat's message names that chat in `reply_to_peer_id`; it cannot be linked.
                if let peer = message["reply_to_peer_id"]?.identifier, Self.digits(peer) != String(chatID) {
                    source["reply_to_peer"] = .text(peer)
                    source["reply_to_message"] = .integer(parent)
                } else {
                    post.replyTo = "\(chatID)/\(parent)"
                }
            }
            if let origin = message["forwarded_from"]?.stringValue { source["forwarded_from"] = .text(origin) }
            if let originID = message["forwarded_from_id"]?.identifier { source["forwarded_from_id"] = .text(originID) }
            if let media = message["media_type"]?.stringValue ?? (message["photo"] != nil ? "photo" : nil)
                ?? (message["file"] != nil ? "file" : nil)
            {
                source["media"] = .text(media)
            }
            if let signature = message["author"]?.stringValue { source["signature"] = .text(signature) }
            post.source = source

            if let reactions = message["reactions"]?.arrayValue {
                let total = reactions.reduce(0) { $0 + max(0, $1["count"]?.looseInteger ?? 0) }
                post.attach(ImportedPost.Metrics(likes: total), observedAt: observedAt)
            }
            return post
        }

        /// The message text: a plain string, or the concatenated pieces of a formatted one
        /// (`["See ", {"type": "link", "text": "t.me/x"}]`).
        static func plainText(_ value: JSONValue?) -> String {
            switch value {
            case .string(let text)?:
                return text
            case .array(let pieces)?:
                return pieces.map { $0.stringValue ?? $0["text"]?.stringValue ?? "" }.joined()
            default:
                return ""
            }
        }

        static func digits(_ text: String) -> String {
            String(text.filter(\.isASCII).filter(\.isNumber))
        }
    }
}
