import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// `claimex test` run as a user runs it, on a small corpus of two Corpus pages with their
/// gold files and a baseline made by `claimex extract -o`. The rules are the project's
/// entity, money and role rules only, so that what a removed money rule moves does not
/// ripple into edges, whose rules change more often than these tests should.
@Suite struct TestCommandTests {
    /// A temporary folder holding `corpus/` (two pages with gold files), `rules/` and `base/`,
    /// the baseline those rules make.
    final class Workspace {
        let folder: PageFolder
        var url: URL { folder.url }
        private var copies = 0

        init() throws {
            folder = try PageFolder()
            let rules = try RuleFiles(copyingInto: folder.url)
            for stage in ["relations", "cues"] {
                try FileManager.default.removeItem(at: rules.folder.appendingPathComponent(stage))
            }
            let corpus = BaselineTests.packageRoot.appendingPathComponent("Corpus/constructions")
            for (name, sub) in [("01-anthropic-followon", "a"), ("18-funding-roundup-ranges", "b")] {
                for suffix in [".html", ".gold.json"] {
                    let bytes = try Data(contentsOf: corpus.appendingPathComponent(name + suffix))
                    try folder.write("corpus/\(sub)/\(name)\(suffix)", [UInt8](bytes))
                }
            }
            let extract = try run(["extract", "corpus", "-o", "base/", "--quiet"])
            #expect(extract.status == 0, "\(extract.stderr)")
        }

        /// Runs claimex in the workspace; `extract` and `test` get `--rules rules` unless given rules.
        func run(_ arguments: [String]) throws -> CLIRunner.Result {
            var arguments = arguments
            if ["extract", "test"].contains(arguments.first ?? ""), !arguments.contains("--rules") {
                arguments += ["--rules", "rules"]
            }
            return try CLIRunner.run(arguments, in: url)
        }

        func rulesWithout(_ ids: String...) throws -> String {
            copies += 1
            let rules = try RuleFiles(copying: url.appendingPathComponent("rules"), to: url.appendingPathComponent("rules-\(copies)"))
            for id in ids { try rules.remove(id) }
            return rules.folder.path
        }

        func read(_ relative: String) throws -> String {
            try String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
        }
    }

    @Test func nothingChangedExitsZero() throws {
        let workspace = try Workspace()
        let result = try workspace.run(["test", "corpus", "--baseline", "base"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("claimex test: 2 pages, no change from base/\n"))
        #expect(result.stdout.contains("gold (2 pages with NAME.gold.json): baseline → now\n  entity     P "))
        #expect(!result.stdout.contains("→ 0."), "no score moved")
        #expect(result.stderr.isEmpty)
    }

    @Test func aRemovedRuleExitsOneAndIsNamedWithWhatMoved() throws {
        let workspace = try Workspace()
        let rules = try workspace.rulesWithout("money.range-symbol")
        let result = try workspace.run(["test", "corpus", "--baseline", "base", "--rules", rules])
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "claimex test: 1 of 2 pages differs from base/: 2 added, 0 removed, 3 changed records")
        #expect(Array(lines[2...4]) == ["by rule:", "  money.range-symbol         ~3", "  money.symbol-number-scale  +2 ~3"])
        #expect(result.stdout.contains("""
        corpus/b/18-funding-roundup-ranges.html  (+2 ~3)
          ~ money "$50" 50 USD  by money.range-symbol → money.symbol-number-scale
              rule: "money.range-symbol" → "money.symbol-number-scale"
              value: 50000000 → 50
              range: [50000000,60000000] → (absent)
              text: "$50–60 million" → "$50"
              span: [965,979] → [965,968]
              in: The company did not give an exact figure; people close to the deal put it at $50–60 million.
        """))
        #expect(result.stdout.contains("""
          + money "$3 billion" 3000000000 USD  by money.symbol-number-scale
              in: Orrery Labs, which is building foundation models for robots, is rumored to be raising $2 to $3 billion.
        """))
        // Amounts read wrong: money precision and recall fall against the gold files.
        #expect(result.stdout.contains("  money      P 1.000 → 0.905  R 1.000 → 0.944  F1 1.000 → 0.924\n"))
        #expect(!result.stdout.contains("corpus/a/"), "the other page did not change")
    }

    @Test func aRoleRuleRemovedIsChargedToTheRoleRule() throws {
        let workspace = try Workspace()
        let rules = try workspace.rulesWithout("role.investment")
        let result = try workspace.run(["test", "corpus", "--baseline", "base", "--rules", rules])
        #expect(result.status == 1)
        // Amounts the removed rule gave up fall to other roles (a follow-on is a round), and
        // the changes are charged to it.
        #expect(result.stdout.contains("\nby rule:\n"))
        #expect(result.stdout.contains("\n  role.investment           ~5\n"))
        #expect(result.stdout.contains("""
          ~ money "up to $2 billion" 2000000000 USD  by money.symbol-number-scale
              role: "investment" → "other"
              role_rule: "role.investment" → (absent)
        """))
    }

    @Test func updateRewritesTheBaseline() throws {
        let workspace = try Workspace()
        let page = "base/b/18-funding-roundup-ranges.html.jsonl"
        let before = try workspace.read(page)
        #expect(before.contains("\"rule\":\"money.range-symbol\""))
        let rules = try workspace.rulesWithout("money.range-symbol")
        let update = try workspace.run(["test", "corpus", "--baseline", "base", "--rules", rules, "--update"])
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout.hasPrefix("claimex test: 1 of 2 pages differs from base/: 2 added, 0 removed, 3 changed records (baseline rewritten)\n"))
        let after = try workspace.read(page)
        #expect(!after.contains("money.range-symbol"))
        let extract = try workspace.run(["extract", "corpus/b/18-funding-roundup-ranges.html", "--rules", rules, "--quiet"])
        #expect(after == extract.stdout, "the baseline holds what extract writes")
        let again = try workspace.run(["test", "corpus", "--baseline", "base", "--rules", rules])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("claimex test: 2 pages, no change from base/\n"))
    }

    @Test func junitReportsOneFailingCasePerChangedPage() throws {
        let workspace = try Workspace()
        let rules = try workspace.rulesWithout("money.range-symbol")
        let result = try workspace.run(["test", "corpus", "--baseline", "base", "--rules", rules, "--junit", "junit.xml"])
        #expect(result.status == 1)
        let data = try Data(contentsOf: workspace.url.appendingPathComponent("junit.xml"))
        let document = try XMLDocument(data: data)
        let suite = try #require(try document.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement)
        #expect(suite.attribute(forName: "tests")?.stringValue == "2")
        #expect(suite.attribute(forName: "failures")?.stringValue == "1")
        let cases = try document.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
        #expect(cases.compactMap { $0.attribute(forName: "name")?.stringValue }
                == ["corpus/a/01-anthropic-followon.html", "corpus/b/18-funding-roundup-ranges.html"])
        let failures = try document.nodes(forXPath: "//testcase/failure").compactMap { $0 as? XMLElement }
        #expect(failures.count == 1)
        #expect(failures.first?.attribute(forName: "message")?.stringValue == "changed: +2 ~3 (money.range-symbol, money.symbol-number-scale)")
        #expect(failures.first?.stringValue?.contains("~ money \"$50\" 50 USD  by money.range-symbol → money.symbol-number-scale") == true)
    }

    @Test func jsonFormatParses() throws {
        let workspace = try Workspace()
        let rules = try workspace.rulesWithout("money.range-symbol")
        let result = try workspace.run(["test", "corpus", "--baseline", "base", "--rules", rules, "--format", "json"])
        #expect(result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["changed"] as? Bool == true)
        #expect(report["pages_compared"] as? Int == 2)
        #expect(report["records"] as? [String: Int] == ["added": 2, "removed": 0, "changed": 3])
        let byRule = try #require(report["rules"] as? [[String: Any]])
        #expect(byRule.compactMap { $0["rule"] as? String } == ["money.range-symbol", "money.symbol-number-scale"])
        #expect(byRule.first?["changed"] as? Int == 3)
        let pages = try #require(report["pages"] as? [[String: Any]])
        #expect(pages.count == 1)
        #expect(pages.first?["path"] as? String == "corpus/b/18-funding-roundup-ranges.html")
        #expect(pages.first?["status"] as? String == "changed")
        let first = try #require((pages.first?["changes"] as? [[String: Any]])?.first)
        #expect(first["change"] as? String == "changed")
        #expect((first["fields"] as? [[String: Any]])?.compactMap { $0["field"] as? String } == ["rule", "value", "range", "text", "span"])
        #expect((first["before"] as? [String: Any])?["text"] as? String == "$50–60 million")
        #expect((first["after"] as? [String: Any])?["text"] as? String == "$50")
        let gold = try #require(report["gold"] as? [String: Any])
        let money = try #require((gold["kinds"] as? [[String: Any]])?.first { $0["kind"] as? String == "money" })
        #expect((money["before"] as? [String: Any])?["f1"] as? Double == 1)
        #expect((money["after"] as? [String: Any])?["f1"] as? Double == 0.9242)
    }

    @Test func pagesNewAndGone() throws {
        let workspace = try Workspace()
        try FileManager.default.moveItem(at: workspace.url.appendingPathComponent("corpus/a"), to: workspace.url.appendingPathComponent("corpus/c"))
        let result = try workspace.run(["test", "corpus", "--baseline", "base"])
        #expect(result.status == 1)
        #expect(result.stdout.hasPrefix("claimex test: 1 of 2 pages differs from base/, 1 baseline page is gone: "))
        #expect(result.stdout.contains("\ncorpus/a/01-anthropic-followon.html  (gone: base/a/01-anthropic-followon.html.jsonl has no page any more: -47)\n"))
        #expect(result.stdout.contains("\ncorpus/c/01-anthropic-followon.html  (new page, not in the baseline: +47)\n"))
        #expect(result.stdout.contains("  - entity ORG \"Amazon\" org:amazon  by entity.org-gazetteer\n      in: Amazon completes its $4 billion Anthropic bet"))
        let update = try workspace.run(["test", "corpus", "--baseline", "base", "--update"])
        #expect(update.status == 0)
        #expect(!FileManager.default.fileExists(atPath: workspace.folder.path("base/a/01-anthropic-followon.html.jsonl")))
        #expect(FileManager.default.fileExists(atPath: workspace.folder.path("base/c/01-anthropic-followon.html.jsonl")))
    }

    @Test func errorsExitTwo() throws {
        let workspace = try Workspace()
        let missing = try workspace.run(["test", "corpus", "--baseline", "nowhere"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("claimex: error: no baseline folder 'nowhere'; make one with `claimex test --update`"))
        let noCorpus = try workspace.run(["test", "no-such-corpus", "--baseline", "base"])
        #expect(noCorpus.status == 2)
        #expect(noCorpus.stderr.contains("no such file or folder 'no-such-corpus'"))

        let page = workspace.url.appendingPathComponent("base/b/18-funding-roundup-ranges.html.jsonl")
        let text = try String(contentsOf: page, encoding: .utf8)
        try (text + "{\"kind\": \"money\", oops}\n").write(to: page, atomically: true, encoding: .utf8)
        let lines = text.split(separator: "\n").count
        let broken = try workspace.run(["test", "corpus", "--baseline", "base"])
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("base/b/18-funding-roundup-ranges.html.jsonl:\(lines + 1): not a claimex record (invalid JSON at character 19: expected a member name in quotes)"))
        let badFormat = try workspace.run(["test", "corpus", "--format", "xml"])
        #expect(badFormat.status == 2)
    }
}
