import BacklashCore
import Foundation
import Testing

@Suite("backlashctl forecast")
struct ForecastCommandTests {
    /// The hand cascade of the R agreement tests, as posts: a root with 1,000 followers and seven reposts.
    static func handCascade(in dir: URL) throws -> String {
        let offsets: [(Int, Int)] = [(60, 50), (200, 300), (450, 20), (900, 100), (1500, 80), (2400, 10), (3000, 500)]
        var lines = [#"{"platform":"twitter","id":"root","author":{"id":"olga","followers":1000},"text":"Такси списало рубль","created_at":"2026-11-28T09:00:00Z"}"#]
        for (i, (dt, followers)) in offsets.enumerated() {
            let t = RFC3339.format(1_795_856_400 + Double(dt))
            lines.append(#"{"platform":"twitter","id":"r\#(i)","author":{"id":"u\#(i)","followers":\#(followers)},"text":"RT","created_at":"\#(t)","repost_of":"root"}"#)
        }
        lines.append(#"{"platform":"twitter","id":"reply","author":{"id":"x"},"text":"+1","created_at":"2026-11-28T09:01:00Z","reply_to":"root"}"#)
        let file = dir.appendingPathComponent("cascade.ndjson")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    @Test("--model reference prints R seismic 1.1's numbers, explosive as null, a share exactly at t counted")
    func reference() throws {
        let dir = try TestPaths.makeTemporaryDirectory("forecast")
        let file = try Self.handCascade(in: dir)
        let r = try runProgram(TestPaths.backlashctl, ["forecast", file, "--at", "100,600,2400", "--model", "reference", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(rows.count == 3)
        func close(_ a: Any?, _ b: Double) -> Bool {
            guard let a = a as? Double else { return false }
            return abs(a - b) <= 1e-9 * abs(b)
        }
        #expect(rows[0]["explosive"] as? Bool == true)
        #expect(rows[0]["prediction"] is NSNull)
        #expect(close(rows[1]["p"], 0.0062551779766326981))
        #expect(close(rows[1]["p_low"], 0.0017049351773269601))
        #expect(close(rows[1]["prediction"], 19.254583445375214))
        #expect(rows[2]["observed"] as? Int == 6, "the share at exactly t = 2400 counts as observed")
        #expect(close(rows[2]["prediction"], 15.457983733545701))
        #expect(rows.allSatisfy { $0["cascade"] as? String == "twitter:root" })
    }

    @Test("the default model gives a finite interval around its prediction")
    func improved() throws {
        let dir = try TestPaths.makeTemporaryDirectory("forecast2")
        let file = try Self.handCascade(in: dir)
        let r = try runProgram(TestPaths.backlashctl, ["forecast", file, "--at", "3600", "--json", "--cascade", "twitter:root"])
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let prediction = try #require(row["prediction"] as? Double)
        let low = try #require(row["low"] as? Double)
        #expect(low <= prediction)
        if let high = row["high"] as? Double { #expect(prediction <= high) }
        #expect(row["observed"] as? Int == 7)
        #expect(row["model"] as? String == "improved")
    }
}
