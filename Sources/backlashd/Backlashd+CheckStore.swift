import ArgumentParser
import BacklashDaemon
import BacklashStore
import Foundation

extension Backlashd {
    /// `--check-store`: integrity_check, then the projections rebuilt from the event log against their tables.
    func runCheckStore(environment: [String: String], cwd: String) throws {
        let path: String
        if let file {
            path = file
        } else {
            do {
                path = try ConfigLoader.load(explicitPath: config, workingDirectory: cwd, environment: environment)
                    .paths.database
            } catch {
                FileHandle.standardError.write(Data("backlashd: invalid configuration:\n\(error)\n".utf8))
                throw ExitCode(1)
            }
        }
        guard FileManager.default.fileExists(atPath: path) else {
            FileHandle.standardError.write(Data("backlashd: there is no database at \(path); pass its path\n".utf8))
            throw ExitCode(3)
        }
        let report: StoreCheck.Report
        do {
            report = try StoreCheck.run(databaseAt: path)
        } catch {
            FileHandle.standardError.write(Data("backlashd: cannot read the database \(path): \(error)\n".utf8))
            throw ExitCode(3)
        }
        for line in report.integrity where report.integrity != ["ok"] {
            FileHandle.standardError.write(Data("\(path): integrity_check: \(line)\n".utf8))
        }
        for line in report.differences {
            FileHandle.standardError.write(Data("\(path): \(line)\n".utf8))
        }
        print("\(path): \(report.summary)")
        if !report.isConsistent { throw ExitCode(1) }
    }
}
