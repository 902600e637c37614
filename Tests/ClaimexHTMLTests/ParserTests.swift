import ClaimexHTML
import ClaimexModel
import Testing

@Suite struct ParserTests {
    private func parse(_ html: String) throws -> HTMLDocument {
        try HTMLDocument.parse(Array(html.utf8))
    }

    /// A compact dump of a tree: elements as `name(children)`, text quoted.
    private func dump(_ node: HTMLNode) -> String {
        switch node {
        case .text(let text): "\"\(text)\""
        case .element(let element): element.name + "(" + element.children.map(dump).joined(separator: " ") + ")"
        }
    }

    @Test func entitiesAreDecodedAndNamesLowercased() throws {
        let document = try parse("<HTML><BODY><P CLASS=Lead>Ben &amp; Jerry&#8217;s &euro;5&nbsp;m</P></BODY></HTML>")
        #expect(dump(.element(document.root)) == "html(body(p(\"Ben & Jerry\u{2019}s \u{20AC}5\u{A0}m\")))")
        let paragraph = document.root.elementChildren[0].elementChildren[0]
        #expect(paragraph[attribute: "class"] == "Lead")
    }

    @Test func brokenMarkupIsRecoveredAndNoted() throws {
        let document = try parse("<div><p>one<p>two</span><li>three</div>")
        #expect(dump(.element(document.root)) == "html(body(div(p(\"one\") p(\"two\") li(\"three\"))))")
        #expect(document.diagnostics.contains { $0.message.contains("Unexpected end tag : span") })
    }

    @Test func scriptTextIsKeptForJSONLD() throws {
        let document = try parse("<head><script type=\"application/ld+json\">{\"a\": \"<b>\"}</script></head>")
        #expect(dump(.element(document.root)) == #"html(head(script("{"a": "<b>"}")))"#)
    }

    @Test func externalEntitiesAndDTDsAreNeverLoaded() throws {
        let html = """
        <!DOCTYPE html SYSTEM "file:///etc/passwd" [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <html><body><p>a &x; b</p></body></html>
        """
        let document = try parse(html)
        let text = dump(.element(document.root))
        #expect(!text.contains("root:"))
    }

    @Test func deepNestingIsFlattenedAtTheLimit() throws {
        let html = String(repeating: "<div>", count: 50) + "deep text" + String(repeating: "</div>", count: 50)
        let document = try HTMLDocument.parse(Array(html.utf8), limits: ParseLimits(maxDepth: 10))
        #expect(document.diagnostics.contains(Diagnostic(.warning, "1 elements nested deeper than 10 levels were flattened")))
        #expect(dump(.element(document.root)).contains("deep text"))
    }

    @Test func treeHoldsSubtreesAsRangesInDocumentOrder() throws {
        let document = try parse("<div id=a><p>one <b>two</b></p>three<br>four</div><p>five</p>")
        let tree = document.tree
        #expect(tree.nodes.map(\.name) == ["html", "body", "div", "p", "#text", "b", "#text", "#text", "br", "#text", "p", "#text"])
        #expect(tree.nodes.map(\.end) == [12, 12, 10, 7, 5, 7, 7, 8, 9, 10, 12, 12])
        #expect(tree.nodes.map(\.parent) == [-1, 0, 1, 2, 3, 3, 5, 2, 2, 2, 1, 10])
        #expect(tree.children(of: 2) == [3, 7, 8, 9])
        #expect(tree.text(under: 2) == "one twothree four")
        #expect(tree[2][attribute: "id"] == "a")
        // The nested view and the flat tree say the same, both ways.
        #expect(dump(.element(document.root)) == #"html(body(div(p("one " b("two")) "three" br() "four") p("five")))"#)
        #expect(HTMLTree(root: document.root).nodes == tree.nodes)
    }
}
