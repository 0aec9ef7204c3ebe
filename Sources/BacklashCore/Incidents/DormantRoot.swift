/// What the detector keeps of a quiet post it had to forget: enough to start its group again if the post is reshared
/// later (the classic slow burn: quiet for hours, then an influencer picks it up). About a tenth of a whole group.
struct DormantRoot: Sendable {
    let key: PostKey
    /// The start of the text (it titles the incident if one opens).
    let text: String
    let createdAt: Double
    let authorID: String
    let followers: Int64?
    let tone: ToneAnalysis
    let influence: InfluenceScore

    init(_ group: DetectionGroup, followers: Double) {
        key = group.rootKey
        // Most roots are short: kept as they are (shared storage), only long ones are cut.
        text = group.rootText.hasAtMost(200) ? group.rootText : String(group.rootText.prefix(200))
        createdAt = group.firstPostAt
        authorID = group.rootAuthorID
        self.followers = Int64(followers)
        tone = group.rootTone
        influence = group.rootInfluence
    }

    /// The root post again, as far as it is remembered.
    var post: Post {
        Post(platform: key.platform, id: key.id, author: Author(id: authorID, followers: followers), text: text,
            createdAt: createdAt)
    }
}
