@testable import ClaimexExtract
import ClaimexModel
import ClaimexRules
import ClaimexText
import Testing

@Suite struct ClaimExtractorTests {
    static let rules: RuleSet = {
        let yaml = """
        stage: entities
        rules:
          - id: entity.org
            description: Suffixed names.
            pattern: (?<n> [cap]{1,2} (Ventures | 'AI'))
            emit: {label: ORG, name: canonical(n)}
            examples: [{text: x, expect: [{kind: entity}]}, {text: y, expect: []}]
          - id: person.name
            description: Two capitals after "said".
            pattern: said (?<n> [cap] [cap])
            emit: {label: PERSON, span: n, name: canonical(n)}
            examples: [{text: x, expect: [{kind: entity}]}, {text: y, expect: []}]
        """
        return try! RuleSet.compile([RuleSource(path: "Rules/t.yml", contents: yaml)])
    }()

    static func claims(_ text: String) -> Claims {
        let article = Article(metadata: ArticleMetadata(), text: text, blocks: [Block(kind: .paragraph, span: TextSpan(0, text.unicodeScalars.count))])
        return ClaimExtractor(rules: rules).claims(of: article, doc: DocumentID(hex: "0000000000000000"))
    }

    @Test func shortFormsAndSurnamesResolveToOneEntity() {
        let claims = Self.claims("Mistral AI hired staff, said Ana Ruiz. Mistral grew and Ruiz left Quarry Ventures for Quarry.")
        #expect(claims.entities.map { "\($0.type) \($0.name) \($0.key) \($0.mentions.count)" } == [
            "ORG Mistral AI org:mistral-ai 2",
            "PERSON Ana Ruiz person:ana-ruiz 2",
            "ORG Quarry Ventures org:quarry-ventures 2",
        ])
    }

    @Test(arguments: [("Mistral AI", "org:mistral-ai"), ("AT&T", "org:at-and-t"), ("Nestlé S.A.", "org:nestle-s-a"), ("  ", "org:x"),
                     ("ÉLAN Ventures", "org:elan-ventures"), ("Société Générale", "org:societe-generale"), ("QUARRY", "org:quarry")])
    func keysAreLowercaseASCIISlugs(name: String, key: String) {
        #expect(EntityResolver.key(type: "ORG", name: name) == key)
    }
}
