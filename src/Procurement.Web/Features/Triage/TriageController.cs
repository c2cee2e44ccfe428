using Microsoft.AspNetCore.Mvc;
using Procurement.Data.Organisations;
using Procurement.Domain.Requirements;
using Procurement.Web.Features.Procurements;

namespace Procurement.Web.Features.Triage;

/// <summary>The officer's working list over thousands of needs and the requirements they become.</summary>
public sealed class TriageController(TriageQueries triage) : Controller
{
    public const int PageSize = 50;

    [HttpGet("/upphandlingar/{id:guid}/sortering")]
    [ProcurementAccess(ProcurementNeed.Oversee)]
    public async Task<IActionResult> Index(
        Guid id,
        [FromQuery(Name = "vy")] string? view,
        [FromQuery(Name = "sok")] string? search,
        [FromQuery(Name = "org")] Guid? organisationId,
        [FromQuery(Name = "lan")] string? county,
        [FromQuery(Name = "typ")] RequirementKind? kind,
        [FromQuery(Name = "kategori")] int? category,
        [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "sortera")] string? sort,
        [FromQuery(Name = "sida")] int page = 1,
        CancellationToken cancellationToken = default)
    {
        // Unknown values in the query string are ignored rather than refused: it is a filter, not a form.
        var requirementsView = view == "krav";
        page = Math.Clamp(page, 1, 10_000);
        status = requirementsView
            ? status is "Draft" or "Approved" or "Removed" ? status : null
            : status is "Active" or "Withdrawn" ? status : "Active";
        // Known sorts only, so that an odd value neither errs nor takes a cache entry of its own.
        sort = requirementsView
            ? sort is "stod" or "typ" ? sort : null
            : sort is "aldst" or "organisation" or "typ" ? sort : null;
        var filter = new TriageFilter(search?.Trim(), organisationId, county is { Length: 2 } ? county : null,
            kind is { } k && Enum.IsDefined(k) ? k : null, category is >= 1 and <= 99 ? category : null, status, sort, (page - 1) * PageSize, PageSize);

        var version = HttpContext.Procurement().ListVersion;
        var choices = await triage.ChoicesAsync(id, version, cancellationToken);
        var model = new TriageViewModel(
            requirementsView,
            filter,
            page,
            requirementsView ? null : await triage.SubmissionsAsync(id, version, filter, cancellationToken),
            requirementsView ? await triage.RequirementsAsync(id, filter, cancellationToken) : null,
            choices.Categories,
            requirementsView ? [] : choices.Submitters,
            choices.Counties);
        return View(model);
    }
}

public sealed record TriageViewModel(
    bool RequirementsView,
    TriageFilter Filter,
    int Page,
    TriagePage<TriageSubmission>? Submissions,
    TriagePage<TriageRequirement>? Requirements,
    IReadOnlyList<CategoryRow> Categories,
    IReadOnlyList<OrganisationOption> Submitters,
    IReadOnlyList<County> Counties)
{
    public int Total => Submissions?.Total ?? Requirements?.Total ?? 0;

    public int Pages => Math.Max(1, (Total + TriageController.PageSize - 1) / TriageController.PageSize);

    /// <summary>The current list's address with one filter changed (for sorting and paging links).</summary>
    public string Link(Guid procurementId, int? page = null, string? sort = null)
    {
        var query = new List<string> { $"vy={(RequirementsView ? "krav" : "behov")}" };
        void Add(string name, object? value)
        {
            if (value is not null && value.ToString() is { Length: > 0 } text)
            {
                query.Add($"{name}={Uri.EscapeDataString(text)}");
            }
        }

        Add("sok", Filter.Search);
        Add("org", Filter.OrganisationId);
        Add("lan", Filter.County);
        Add("typ", Filter.Kind);
        Add("kategori", Filter.Category);
        Add("status", Filter.Status);
        Add("sortera", sort ?? Filter.Sort);
        Add("sida", page ?? Page);
        return $"/upphandlingar/{procurementId}/sortering?{string.Join('&', query)}";
    }
}
