import Foundation

/// Imports VK API `wall.get`, `wall.getById`, `newsfeed.search`, `newsfeed.get` and `wall.getComments`
/// responses into post format v1.
///
/// Ids follow VK's own link convention: a wall post is `<owner_id>_<id>` (as in
/// `vk.com/wall-1_123`), a comment is `<owner_id>_<post_id>_c<id>`, which never collides with a
/// post and names its post. A repost's `copy_history[0]` becomes `repost_of`, and the reposted
/// originals are imported too (after the file's own items). A comment answers the comment in
/// `reply_to_comment` (or its thread's root), else its post. Authors come from `profiles`
/// (users, positive ids) and `groups` (communities, negative ids) of an `extended=1` response;
/// `author.id` is the signed VK id.
public struct VKImporter: PostImporter {
    /// When the response was fetched, in seconds since the Unix epoch; becomes `observed_at` of posts
    /// with counts. Nil leaves `observed_at` out.
    public var observedAt: Double?

    /// An importer stamping metrics with `observedAt` when given.
    public init(observedAt: Double? = nil) {
        self.observedAt = observedAt
    }

    /// Always `.vk`.
    public var format: ImportFormat { .vk }

    /// Converts a VK response (or JSON Lines of responses) to posts.
    public func convert(_ data: Data, sourceName: String) throws(ImportError) -> ImportResult {
        let documents = try format.jsonDocuments(in: data, sourceName: sourceName)
        var builder = ImportResult.Builder()
        var position = 0

        for document in documents {
            if let error = document["error"], error.isObject {
                let code = error["error_code"]?.looseInteger.map { "code \($0)" } ?? "no code"
                let message = error["error_msg"]?.stringValue ?? "no message"
                throw .platformError(source: sourceName, expected: format, message: "VK error \(code): \(message)")
            }
            let body = document["response"] ?? document
            let items: [JSONValue]
            if let list = body.arrayValue {
                items = list
            } else if let list = body["items"]?.arrayValue {
                items = list
            } else {
                throw format.wrongShape(sourceName, found: document.shapeDescription, documents: documents)
            }
            if !items.isEmpty, !items.contains(where: Self.looksLikeVKItem) {
                throw format.wrongShape(
                    sourceName,
                    found: "items without `date` and `owner_id`/`from_id` (the first is "
                        + "\(items[0].shapeDescription))", documents: documents)
            }

            let context = Context(
                profiles: Self.index(body["profiles"]?.arrayValue), groups: Self.index(body["groups"]?.arrayValue),
                sourceName: sourceName, observedAt: observedAt)
            for item in items {
                position += 1
                let location = item["id"]?.identifier.map { "item \(position) (id \($0))" } ?? "item \(position)"
                do throws(ImportRejection.Problem) {
                    if item["post_id"] != nil && item["source_id"] == nil {
                        try context.addComment(item, parent: nil, position: position, to: &builder)
                    } else {
                        try context.addPost(item, to: &builder)
                    }
                } catch {
                    builder.reject(index: position, location: location, error)
                }
            }
        }
        return builder.finish()
    }

    private static func looksLikeVKItem(_ item: JSONValue) -> Bool {
        item["date"]?.looseInteger != nil
            && (item["owner_id"] != nil || item["from_id"] != nil || item["source_id"] != nil)
    }

    private static func index(_ list: [JSONValue]?) -> [Int: JSONValue] {
        var byID: [Int: JSONValue] = [:]
        for entry in list ?? [] {
            if let id = entry["id"]?.looseInteger { byID[id] = entry }
        }
        return byID
    }

    /// What converting one item needs from the response around it.
    private struct Context {
        var profiles: [Int: JSONValue]
        var groups: [Int: JSONValue]
        var sourceName: String
        var observedAt: Double?

        /// The comment a thread reply belongs to: its owner, post and root comment.
        struct Thread {
            var ownerID: Int
            var postID: Int
            var rootCommentID: Int
        }

        func addPost(_ item: JSONValue, to builder: inout ImportResult.Builder) throws(ImportRejection.Problem) {
            let post = try self.post(from: item, embedded: false)
            builder.add(post)
            // `copy_history` runs from the reposted post back to the first original: each entry reposts the next.
            let history = item["copy_history"]?.arrayValue ?? []
            for (offset, original) in history.enumerated() {
                guard var embeddedPost = try? self.post(from: original, embedded: true) else { continue }
                if offset + 1 < history.count { embeddedPost.repostOf = Self.postID(history[offset + 1]) }
                builder.addEmbedded(embeddedPost)
            }
        }

        func post(from item: JSONValue, embedded: Bool) throws(ImportRejection.Problem) -> ImportedPost {
            // `newsfeed.get` names a post by `source_id` and `post_id` instead of `owner_id` and `id`.
            guard let id = item["id"]?.looseInteger ?? item["post_id"]?.looseInteger else {
                throw ImportRejection.Problem("has no `id`")
            }
            guard
                let ownerID = item["owner_id"]?.looseInteger ?? item["source_id"]?.looseInteger
                    ?? item["to_id"]?.looseInteger
            else {
                throw ImportRejection.Problem("has no `owner_id`, so its post id cannot be built")
            }
            guard let date = item["date"]?.looseInteger else {
                throw ImportRejection.Problem("has no `date` (unix seconds)")
            }
            let authorID = item["from_id"]?.looseInteger ?? ownerID
            var post = ImportedPost(
                platform: "vk", id: "\(ownerID)_\(id)", author: author(authorID),
                text: item["text"]?.stringValue ?? "", createdAt: ImportTimestamp.rfc3339(Double(date)),
                url: "https://vk.com/wall\(ownerID)_\(id)", channel: .post)
            post.repostOf = item["copy_history"]?.arrayValue?.first.flatMap(Self.postID)
            if let replyOwner = item["reply_owner_id"]?.looseInteger,
                let replyPost = item["reply_post_id"]?.looseInteger
            {
                post.replyTo = "\(replyOwner)_\(replyPost)"
            }
            post.attach(metrics(item, repliesKey: "comments.count"), observedAt: observedAt)

            var source: [String: ImportedPost.SourceValue] = ["format": .text("vk"), "file": .text(sourceName)]
            if let type = item["post_type"]?.stringValue, type != "post" { source["post_type"] = .text(type) }
            if let signer = item["signer_id"]?.looseInteger { source["signer_id"] = .text(String(signer)) }
            if embedded { source["embedded"] = .flag(true) }
            post.source = source
            return post
        }

        /// `<owner_id>_<id>` of a post object, when it has both.
        static func postID(_ item: JSONValue) -> String? {
            guard let id = item["id"]?.looseInteger,
                let owner = item["owner_id"]?.looseInteger ?? item["from_id"]?.looseInteger
            else { return nil }
            return "\(owner)_\(id)"
        }

        func addComment(
            _ item: JSONValue, parent thread: Thread?, position: Int, to builder: inout ImportResult.Builder
        ) throws(ImportRejection.Problem) {
            if item["deleted"]?.looseBool == true {
                builder.skip()
                return
            }
            guard let id = item["id"]?.looseInteger else { throw ImportRejection.Problem("has no `id`") }
            guard let ownerID = item["owner_id"]?.looseInteger ?? thread?.ownerID else {
                throw ImportRejection.Problem("is a comment without `owner_id`, so its post cannot be named")
            }
            guard let postID = item["post_id"]?.looseInteger ?? thread?.postID else {
                throw ImportRejection.Problem("is a comment without `post_id`")
            }
            guard let date = item["date"]?.looseInteger else {
                throw ImportRejection.Problem("has no `date` (unix seconds)")
            }
            guard let authorID = item["from_id"]?.looseInteger else {
                throw ImportRejection.Problem("is a comment without `from_id`")
            }
            let postKey = "\(ownerID)_\(postID)"
            var comment = ImportedPost(
                platform: "vk", id: "\(postKey)_c\(id)", author: author(authorID),
                text: item["text"]?.stringValue ?? "", createdAt: ImportTimestamp.rfc3339(Double(date)),
                url: "https://vk.com/wall\(postKey)?reply=\(id)", channel: .comment)
            let parentComment =
                item["reply_to_comment"]?.looseInteger
                ?? item["parents_stack"]?.arrayValue?.last?.looseInteger ?? thread?.rootCommentID
            comment.replyTo = parentComment.map { "\(postKey)_c\($0)" } ?? postKey
            comment.attach(metrics(item, repliesKey: "thread.count"), observedAt: observedAt)
            comment.source = ["format": .text("vk"), "file": .text(sourceName)]
            builder.add(comment)

            let replies = Thread(ownerID: ownerID, postID: postID, rootCommentID: thread?.rootCommentID ?? id)
            for reply in item.value(at: "thread.items")?.arrayValue ?? [] {
                do throws(ImportRejection.Problem) {
                    try addComment(reply, parent: replies, position: position, to: &builder)
                } catch {
                    let replyID = reply["id"]?.identifier.map { " \($0)" } ?? ""
                    let location = "item \(position), reply\(replyID) in the thread of comment \(id),"
                    builder.reject(index: position, location: location, error)
                }
            }
        }

        func metrics(_ item: JSONValue, repliesKey: String) -> ImportedPost.Metrics {
            ImportedPost.Metrics(
                reposts: item.value(at: "reposts.count")?.looseInteger,
                likes: item.value(at: "likes.count")?.looseInteger,
                replies: item.value(at: repliesKey)?.looseInteger, views: item.value(at: "views.count")?.looseInteger)
        }

        func author(_ id: Int) -> ImportedPost.Author {
            var author = ImportedPost.Author(id: String(id))
            if id > 0, let profile = profiles[id] {
                let name = [profile["first_name"]?.stringValue, profile["last_name"]?.stringValue]
                    .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
                author.name = name.isEmpty ? nil : name
                author.handle = profile["screen_name"]?.stringValue.map { "@" + $0 }
                author.followers = profile["followers_count"]?.looseInteger
                author.verified = profile["verified"]?.looseBool
            } else if id < 0, let group = groups[-id] {
                author.name = group["name"]?.stringValue
                author.handle = group["screen_name"]?.stringValue.map { "@" + $0 }
                author.followers = group["members_count"]?.looseInteger
                author.verified = group["verified"]?.looseBool
            }
            return author
        }
    }
}
