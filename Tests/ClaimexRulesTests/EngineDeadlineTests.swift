@testable import ClaimexRules
import ClaimexModel
import ClaimexText
import Testing

@Suite struct EngineDeadlineTests {
    @Test func aPassedDeadlineStopsMatchingAtTheFirstSentence() throws {
        let engine = try MatcherTests.engine(MatcherTests.money)
        let text = "It raised $5 million. Then $7 bn more."
        let analyzed = Tokenizer().analyze(text, blocks: [TextSpan(0, text.unicodeScalars.count)])
        #expect(throws: PageAbandoned.overTime(budget: 0, activity: "matching the money rules, sentence 1 of 2")) {
            try engine.run(analyzed, deadline: Deadline(seconds: 0))
        }
        // Within its budget the run is the same as without one.
        let timed = try engine.run(analyzed, deadline: Deadline(seconds: 3600))
        #expect(timed.mentions.map(\.span) == engine.run(analyzed).mentions.map(\.span))
        #expect(timed.mentions.count == 2)
    }

    @Test func thousandsOfAmountsAreAllFound() throws {
        let engine = try MatcherTests.engine(MatcherTests.money)
        let text = String(repeating: "It paid $5 million. ", count: 2000)
        let analyzed = Tokenizer().analyze(text, blocks: [TextSpan(0, text.unicodeScalars.count)])
        let result = engine.run(analyzed)
        #expect(result.mentions.count == 2000)
        #expect(Set(result.mentions.map { analyzed.string($0.span) }) == ["$5 million"])
        #expect(result.mentions.map(\.span.start) == (0..<2000).map { $0 * 20 + 8 })
    }
}
