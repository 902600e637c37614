import Claimex
import ClaimexOutput
import Testing

/// The pairing of baseline and fresh records that `claimex test` reports.
@Suite struct RecordDifferTests {
    static func parse(_ lines: [String]) throws -> [JSONValue] {
        try lines.map { try JSONValue.parse($0) }
    }

    static let article = #"{"v":1,"kind":"article","doc":"d1","path":"p.html","title":"T","text":"Acme raised $5 million. Beta paid $2 million.","blocks":[{"kind":"paragraph","span":[0,45]}]}"#
    static let acme = #"{"v":1,"kind":"entity","doc":"d1","id":"e1","rule":"entity.org-gazetteer","type":"ORG","name":"Acme","key":"org:acme","mentions":[[0,4]]}"#
    static let fiveMillion = #"{"v":1,"kind":"money","doc":"d1","id":"m1","rule":"money.symbol-number-scale","value":5000000,"currency":"USD","qualifier":null,"text":"$5 million","span":[12,22],"role":"other","subject":null}"#
    static let twoMillion = #"{"v":1,"kind":"money","doc":"d1","id":"m2","rule":"money.symbol-number-scale","value":2000000,"currency":"USD","qualifier":null,"text":"$2 million","span":[34,44],"role":"other","subject":null}"#

    @Test func identicalRecordsMakeNoChange() throws {
        let records = try Self.parse([Self.article, Self.acme, Self.fiveMillion])
        #expect(RecordDiffer().changes(from: records, to: records).isEmpty)
    }

    @Test func addedAndRemovedRecordsAreChargedToTheirRules() throws {
        let baseline = try Self.parse([Self.article, Self.acme, Self.fiveMillion])
        let fresh = try Self.parse([Self.article, Self.fiveMillion, Self.twoMillion])
        let changes = RecordDiffer().changes(from: baseline, to: fresh)
        #expect(changes.map(\.change) == [.removed, .added])
        #expect(changes.map(\.kind) == ["entity", "money"])
        #expect(changes.map(\.rules) == [["entity.org-gazetteer"], ["money.symbol-number-scale"]])
        #expect(changes[1].after?[member: "id"]?.stringValue == "m2")
    }

    @Test func aRoleMovedIsAChangeChargedToTheRoleRuleToo() throws {
        let withRole = Self.fiveMillion.replacingOccurrences(of: #""role":"other","subject":null}"#,
                                                             with: #""role":"funding","subject":{"name":"Acme","key":"org:acme"},"role_rule":"role.raised"}"#)
        let changes = RecordDiffer().changes(from: try Self.parse([withRole]), to: try Self.parse([Self.fiveMillion]))
        #expect(changes.count == 1)
        let change = try #require(changes.first)
        #expect(change.change == .changed)
        #expect(change.fields.map(\.field) == ["role", "subject", "role_rule"])
        #expect(change.fields[0].before == .string("funding"))
        #expect(change.fields[0].after == .string("other"))
        #expect(change.fields[2].after == nil)
        // Only the role moved: the role rule's doing, not the amount rule's.
        #expect(change.rules == ["role.raised"])
    }

    @Test func anAmountAndItsRoleMovedAreChargedToBothRules() throws {
        let withRole = Self.fiveMillion.replacingOccurrences(of: #""role":"other","subject":null}"#,
                                                             with: #""role":"funding","subject":null,"role_rule":"role.raised"}"#)
        let approx = Self.fiveMillion.replacingOccurrences(of: #""qualifier":null"#, with: #""qualifier":"approx""#)
        let changes = RecordDiffer().changes(from: try Self.parse([withRole]), to: try Self.parse([approx]))
        #expect(changes.map(\.change) == [.changed])
        #expect(changes[0].fields.map(\.field) == ["qualifier", "role", "role_rule"])
        #expect(changes[0].rules == ["money.symbol-number-scale", "role.raised"])
    }

    @Test func aRecordNowMadeByAnotherRuleIsChargedToBoth() throws {
        let before = Self.fiveMillion
        let after = Self.fiveMillion.replacingOccurrences(of: "money.symbol-number-scale", with: "money.range")
            .replacingOccurrences(of: #""id":"m1""#, with: #""id":"m9""#)
        let changes = RecordDiffer().changes(from: try Self.parse([before]), to: try Self.parse([after]))
        #expect(changes.map(\.change) == [.changed])
        #expect(changes[0].fields.map(\.field) == ["rule"])
        #expect(changes[0].rules == ["money.symbol-number-scale", "money.range"])
    }

    @Test func anAmountReadLongerPairsByOverlappingSpan() throws {
        // "$5 million" at 12..<22 becomes "about $5 million" at 6..<22 with a qualifier: a new id and span.
        let longer = #"{"v":1,"kind":"money","doc":"d1","id":"m7","rule":"money.symbol-number-scale","value":5000000,"currency":"USD","qualifier":"approx","text":"about $5 million","span":[6,22],"role":"other","subject":null}"#
        let changes = RecordDiffer().changes(from: try Self.parse([Self.fiveMillion, Self.twoMillion]),
                                             to: try Self.parse([longer, Self.twoMillion]))
        #expect(changes.count == 1)
        #expect(changes[0].change == .changed)
        #expect(changes[0].fields.map(\.field) == ["qualifier", "text", "span"])
        #expect(changes[0].fields[2].before?.serialized() == "[12,22]")
        #expect(changes[0].fields[2].after?.serialized() == "[6,22]")
    }

    @Test func anEntityWithANewMentionPairsByKey() throws {
        let more = Self.acme.replacingOccurrences(of: #""mentions":[[0,4]]"#, with: #""mentions":[[0,4],[30,34]]"#)
        let changes = RecordDiffer().changes(from: try Self.parse([Self.acme]), to: try Self.parse([more]))
        #expect(changes.map(\.change) == [.changed])
        #expect(changes[0].fields.map(\.field) == ["mentions"])
        #expect(changes[0].rules == ["entity.org-gazetteer"])
    }

    @Test func changesComeInTextOrder() throws {
        let baseline = try Self.parse([Self.article, Self.twoMillion])
        let fresh = try Self.parse([Self.article, Self.acme, Self.fiveMillion])
        let changes = RecordDiffer().changes(from: baseline, to: fresh)
        #expect(changes.map { $0.record[member: "id"]?.stringValue } == ["e1", "m1", "m2"])
        #expect(changes.map(\.change) == [.added, .added, .removed])
    }

    @Test func theArticleRecordPairsWithTheArticle() throws {
        let retitled = Self.article.replacingOccurrences(of: #""title":"T""#, with: #""title":"New title""#)
        let changes = RecordDiffer().changes(from: try Self.parse([Self.article]), to: try Self.parse([retitled]))
        #expect(changes.map(\.change) == [.changed])
        #expect(changes[0].fields.map(\.field) == ["title"])
        #expect(changes[0].rules == ["(article)"])
    }

    @Test func tallySummaries() {
        var tally = RuleTally(rule: "money.range")
        for change in [RecordChange.Change.added, .added, .added, .removed, .changed, .changed] { tally.count(change) }
        #expect(tally.summary == "+3 -1 ~2")
        #expect(RuleTally(rule: "x").summary == "0")
    }
}
