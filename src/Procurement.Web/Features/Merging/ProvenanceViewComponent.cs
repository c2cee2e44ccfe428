using Microsoft.AspNetCore.Mvc;

namespace Procurement.Web.Features.Merging;

/// <summary>
/// The "Ursprung" section of a requirement: the needs it was merged from, in their senders' own words, who stands
/// behind it, and the merges that made it (with split and undo for officers).
/// </summary>
public sealed class ProvenanceViewComponent(MergeStore merges) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid requirementId)
    {
        var cancellationToken = HttpContext.RequestAborted;
        return View("/Features/Merging/_Provenance.cshtml", new ProvenanceViewModel(
            requirementId,
            await merges.SourcesAsync(requirementId, cancellationToken),
            await merges.BackingAsync(requirementId, cancellationToken),
            await merges.ForRequirementAsync(requirementId, cancellationToken)));
    }
}

public sealed record ProvenanceViewModel(Guid RequirementId, IReadOnlyList<SourceRow> Sources, BackingRow Backing, IReadOnlyList<MergeRow> Merges)
{
    public int Organisations => Sources.Select(s => s.OrganisationId).Distinct().Count();
}
