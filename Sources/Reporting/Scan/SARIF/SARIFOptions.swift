/// What a SARIF log needs beyond the report: where the checkout is, and the analysis category.
package struct SARIFOptions: Sendable, Equatable {
    package var layout: SARIFSourceLayout
    /// `--sarif-category`: nil writes no `automationDetails`, so `upload-sarif`'s own `category:`
    /// input (which it fills in only when the field is missing) still applies.
    package var category: String?

    package init(layout: SARIFSourceLayout, category: String? = nil) {
        self.layout = layout
        self.category = category
    }

    /// `runAutomationDetails.id`: the category with the trailing `/` that makes it one. GitHub
    /// reads an id without a `/` as a run id with no category, and `upload-sarif` appends the
    /// `/` to its `category:` input the same way (github/codeql-action `getAutomationID`).
    var automationID: String? {
        guard let category, !category.isEmpty else { return nil }
        return category.hasSuffix("/") ? category : category + "/"
    }
}
