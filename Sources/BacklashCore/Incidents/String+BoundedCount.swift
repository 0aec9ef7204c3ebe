extension String {
    /// Whether the text has at most `limit` Unicode scalars (about characters for Russian and English posts); stops
    /// after `limit + 1`, where `count` would walk all of a long text's grapheme clusters.
    func hasAtMost(_ limit: Int) -> Bool {
        if utf8.count <= limit { return true }
        var seen = 0
        for _ in unicodeScalars {
            seen += 1
            if seen > limit { return false }
        }
        return true
    }
}
