extension Post {
    /// The post as a v1 JSON object: `raw` when the post was decoded from JSON (it keeps unknown fields), else the
    /// object built from the fields, so a post made in code (`replay`, tests) decodes back to itself from the store.
    public var v1Object: JSONObject {
        if !raw.members.isEmpty { return raw }
        var o = JSONObject()
        o["platform"] = .string(platform)
        o["id"] = .string(id)
        var a = JSONObject()
        a["id"] = .string(author.id)
        a["handle"] = author.handle.map(JSONValue.string)
        a["name"] = author.name.map(JSONValue.string)
        a["followers"] = author.followers.map { .number(String($0)) }
        a["following"] = author.following.map { .number(String($0)) }
        a["verified"] = author.verified.map(JSONValue.bool)
        a["created_at"] = author.createdAt.map(Self.time)
        o["author"] = .object(a)
        o["text"] = .string(text)
        o["created_at"] = Self.time(createdAt)
        o["url"] = url.map(JSONValue.string)
        o["reply_to"] = replyTo.map(JSONValue.string)
        o["repost_of"] = repostOf.map(JSONValue.string)
        o["quote_of"] = quoteOf.map(JSONValue.string)
        o["channel"] = channel.map { .string($0.rawValue) }
        o["lang"] = lang.map(JSONValue.string)
        if let m = metrics {
            var mo = JSONObject()
            mo["reposts"] = m.reposts.map { .number(String($0)) }
            mo["likes"] = m.likes.map { .number(String($0)) }
            mo["replies"] = m.replies.map { .number(String($0)) }
            mo["views"] = m.views.map { .number(String($0)) }
            o["metrics"] = .object(mo)
        }
        o["observed_at"] = observedAt.map(Self.time)
        return o
    }

    static func time(_ t: Double) -> JSONValue {
        RFC3339.canFormat(t) ? .string(RFC3339.format(t)) : JSONValue(t)
    }
}
