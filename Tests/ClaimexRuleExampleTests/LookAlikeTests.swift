@testable import Claimex
import ClaimexRules
import Foundation
import Testing

/// Money that changes hands without buying a share of a company makes no investment edge
/// with the default rules: grants, subsidies and loans, stakes sold, control bought,
/// acquisitions, mergers, customers and partners (Rules/README.md, "Decisions"). The
/// sentences are written for this test; each one states a look-alike the way news does.
@Suite struct LookAlikeTests {
    static let runner = RuleExampleRunner(rules: RuleExampleTests.rules)

    /// The investment records the default rules make from a text, as "investor -> investee".
    static func edges(_ text: String) -> [String] {
        runner.evaluate(text).records.compactMap { record -> String? in
            guard let object = try? JSONSerialization.jsonObject(with: Data(record.serialized().utf8)) as? [String: Any],
                  object["kind"] as? String == "investment" else { return nil }
            let investor = (object["investor"] as? [String: Any])?["name"] as? String ?? "null"
            let investee = (object["investee"] as? [String: Any])?["name"] as? String ?? "null"
            return "\(investor) -> \(investee)"
        }
    }

    @Test(arguments: [
        "Northmoor Bio received a £12m grant from Innovate UK last year.",
        "The company received a £12m grant from Innovate UK last year.",
        "Rapidus has received subsidies totalling more than ¥920 billion from the Ministry of Economy, Trade and Industry.",
        "Lanting Robotics also received RMB 150 million in subsidies from the Shenzhen municipal government last year.",
        "Kazeo Labs took a ¥1 billion loan from Yodogawa Bank.",
        "CoreWeave secured $7.5 billion in debt financing from Blackstone and Magnetar.",
        "The Texas Enterprise Fund awarded Helios Data Parks a $5 million grant for a campus.",
        "Tiger Global sold its stake in Marlowe Analytics as part of the transaction.",
        "Calloway Life Sciences sold its stake in Northmoor Bio to existing shareholders last year.",
        "Walmart acquired a 77% stake in Flipkart for $16 billion in 2018.",
        "Brookline Credit, a London fintech lender, was acquired by Harlow Bank for £640 million.",
        "Google agreed to buy Wiz for $32 billion in cash.",
        "Orbis Health and Calder Medical agreed to merge in an all-stock deal.",
        "Ferro Robotics counts Quarry Ventures among its customers.",
        "Veridian AI signed a partnership with Microsoft that involves no equity.",
    ])
    func makesNoEdge(text: String) {
        #expect(Self.edges(text) == [], "\(text)")
    }

    /// The same constructions with equity in them still make their edges.
    @Test func equityNextToALookAlikeStillCounts() {
        #expect(Self.edges("Kazeo Labs raised ¥4.5 billion from Naniwa Growth Partners and took a ¥1 billion loan from Yodogawa Bank.")
            == ["Naniwa Growth Partners -> Kazeo Labs"])
        #expect(Self.edges("Thrive Capital took a 10% stake in Marlowe Analytics for $120 million, and Tiger Global sold its stake in Marlowe Analytics.")
            == ["Thrive Capital -> Marlowe Analytics"])
    }
}
