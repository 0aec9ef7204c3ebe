import BacklashCore
import Foundation
import Testing

@testable import BacklashDaemon

@Suite("control request decoding")
struct ControlRequestTests {
    func decode(_ text: String) -> Result<ControlRequest, ControlRequestError> {
        ControlRequest.decode(Array(text.utf8))
    }

    @Test("a request decodes into its command, arguments and acting manager")
    func decodes() throws {
        let request = try decode(##"{"cmd":"ack","args":{"id":"#12"},"as":"anna"}"##).get()
        #expect(request.command == "ack")
        #expect(try request.arguments.int("id") == 12)
        #expect(request.actingAs == "anna")
    }

    @Test(
        "each malformed request gets its own sentence",
        arguments: [
            ("{\"cmd\":", "the request is not JSON: invalid JSON at byte 7: the text ends where a value was expected"),
            ("[1]", "a request must be a JSON object such as {\"cmd\":\"status\"}"),
            ("{\"cmd\":42}", "the request has no `cmd` string"),
            (
                "{\"cmd\":\"status\",\"args\":" + String(repeating: "[", count: 20) + String(repeating: "]", count: 20)
                    + "}",
                "the request is not JSON: invalid JSON at byte 38: nesting is deeper than 16 levels"
            ),
        ])
    func malformed(line: String, message: String) {
        guard case .failure(let error) = decode(line) else {
            Issue.record("\(line) decoded")
            return
        }
        #expect(error.description == message)
    }

    @Test("an over-long request names the limit")
    func tooLong() {
        #expect(
            ControlRequestError.tooLong(bytes: 2_000_000).description
                == "the request is 2000000 bytes, over the 1048576-byte limit; send one JSON object per line")
    }

    @Test(
        "--at +1e300 and other times RFC 3339 cannot write are refused, not computed",
        arguments: [
            "+1e300", "+1e15", "+" + String(repeating: "9", count: 25) + "w", "+inf",
        ])
    func unwritableTimes(text: String) {
        #expect(TimeArgument.parse(text, now: 1_795_856_400) == nil)
    }

    @Test("a reasonable --at still works")
    func reasonableTimes() {
        #expect(TimeArgument.parse("+2h", now: 1_795_856_400) == 1_795_863_600)
        #expect(TimeArgument.parse("2026-11-28T18:00:00Z", now: 0) == 1_795_888_800)
    }

    @Test("a gesture worth 1e300 or past Int64 is described without trapping")
    func hugeGestureValue() {
        for value in [1e300, 9.3e18, Double.greatestFiniteMagnitude] {
            let event = Engine.gestureEvent(
                .proposed, gesture: 1, incident: 1, kind: "coupon", value: value, currency: "RUB", note: nil,
                deadline: nil, actor: "anna", now: 0)
            #expect(event.message.contains("coupon \(value) RUB"))
        }
    }
}
