extension ImportResult {
    /// Collects an importer's output: the export's own posts in order, parents it embedded after
    /// them, each `(platform, id)` once.
    struct Builder {
        private var result = ImportResult()
        private var seen: Set<String> = []
        private var embedded: [ImportedPost] = []
        private var repeated = 0

        /// Adds one of the export's own items; a repeated id (overlapping pages) is skipped.
        mutating func add(_ post: ImportedPost) {
            guard seen.insert(post.key).inserted else {
                repeated += 1
                result.skipped += 1
                return
            }
            result.posts.append(post)
        }

        /// Adds a parent post the export embedded; it is dropped if the export also has it as an item,
        /// whose copy carries more (metrics).
        mutating func addEmbedded(_ post: ImportedPost) {
            embedded.append(post)
        }

        /// Records an item that could not be converted.
        mutating func reject(index: Int, location: String, _ problem: ImportRejection.Problem) {
            result.rejected.append(ImportRejection(index: index, location: location, reason: problem.reason))
        }

        /// Counts an item left out on purpose.
        mutating func skip() {
            result.skipped += 1
        }

        /// Adds a remark about the whole import.
        mutating func note(_ text: String) {
            result.notes.append(text)
        }

        /// The result, with the embedded parents the export did not carry as items.
        consuming func finish() -> ImportResult {
            for post in embedded where seen.insert(post.key).inserted {
                result.posts.append(post)
            }
            if repeated > 0 {
                let items = repeated == 1 ? "1 item repeats an id" : "\(repeated) items repeat ids"
                let verb = repeated == 1 ? "was" : "were"
                result.notes.insert("\(items) seen earlier in the file (overlapping pages) and \(verb) skipped.", at: 0)
            }
            return result
        }
    }
}
