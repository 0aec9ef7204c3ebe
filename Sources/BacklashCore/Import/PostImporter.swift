import Foundation

/// Turns one platform export file into Backlash post format v1.
///
/// An importer is a pure value: it reads bytes it is given and never touches files or the clock.
public protocol PostImporter: Sendable {
    /// The export format this importer reads.
    var format: ImportFormat { get }

    /// Converts an export's bytes to v1 posts; `sourceName` (usually the file name) is used in messages.
    ///
    /// Throws when the whole file is unusable (empty, not this format); a single bad item is
    /// reported in `ImportResult.rejected` and the others are still imported.
    func convert(_ data: Data, sourceName: String) throws(ImportError) -> ImportResult
}
