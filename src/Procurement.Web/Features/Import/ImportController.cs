using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Procurement.Documents.Submissions;
using Procurement.Domain.Procurements;
using Procurement.Domain.Submissions;
using Procurement.Web.Features.Participation;
using Procurement.Web.Features.Procurements;
using Procurement.Web.Infrastructure;
using Procurement.Web.Infrastructure.Filters;

namespace Procurement.Web.Features.Import;

/// <summary>
/// Needs from a spreadsheet: upload, preview with the errors of each row, then commit all rows or none.
/// Municipalities import for themselves; officers may import on behalf of a participating organisation.
/// </summary>
public sealed class ImportController(
    ImportStore imports,
    ImportRunner runner,
    ProcurementStore procurements,
    ParticipationStore participation,
    IStringLocalizer<SharedResource> l) : Controller
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    [HttpGet("/upphandlingar/{id:guid}/import")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> Upload(Guid id, CancellationToken cancellationToken) =>
        Refusal() ?? View(await UploadFormAsync(id, cancellationToken));

    [HttpGet("/upphandlingar/{id:guid}/import/mall.xlsx")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> TemplateXlsx(Guid id, CancellationToken cancellationToken) =>
        File(SubmissionSheetTemplate.Xlsx(await CategoriesAsync(id, cancellationToken)),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "behov-mall.xlsx");

    [HttpGet("/upphandlingar/{id:guid}/import/mall.csv")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public IActionResult TemplateCsv() => File(SubmissionSheetTemplate.Csv(), "text/csv; charset=utf-8", "behov-mall.csv");

    [HttpPost("/upphandlingar/{id:guid}/import")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    [HandlesInvalidModel]
    [RequestSizeLimit(MaxFileBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes + 64 * 1024)]
    public async Task<IActionResult> Upload(Guid id, [FromForm(Name = "fil")] IFormFile? file, [FromForm(Name = "organisation")] Guid? onBehalfOf, CancellationToken cancellationToken)
    {
        if (Refusal() is { } refusal)
        {
            return refusal;
        }

        var form = await UploadFormAsync(id, cancellationToken);
        var scope = HttpContext.Procurement();
        Guid organisationId;
        if (scope.Access.CanManage)
        {
            if (onBehalfOf is not { } chosen || form.Organisations.All(o => o.OrganisationId != chosen))
            {
                ModelState.AddModelError("organisation", l["Välj vilken ansluten kommun eller region du importerar åt."]);
            }

            organisationId = onBehalfOf ?? Guid.Empty;
        }
        else
        {
            organisationId = User.OrganisationId();
        }

        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("fil", l["Välj en fil att läsa in."]);
        }
        else if (file.Length > MaxFileBytes)
        {
            ModelState.AddModelError("fil", l["Filen är större än 20 MB. Dela upp den i flera filer."]);
        }

        if (!ModelState.IsValid)
        {
            return View(form).WithStatus(StatusCodes.Status400BadRequest);
        }

        var categories = await CategoriesAsync(id, cancellationToken);
        SubmissionSheet sheet;
        await using (var stream = file!.OpenReadStream())
        {
            sheet = SubmissionSheetReader.Read(stream, file.FileName);
        }

        var valid = new List<ValidSubmissionRow>();
        var errors = new List<RowError>();
        foreach (var raw in sheet.Rows)
        {
            var (row, rowErrors) = SubmissionRowRules.Validate(raw, categories);
            if (row is not null)
            {
                valid.Add(row);
            }

            errors.AddRange(rowErrors);
        }

        var importId = await imports.SaveAsync(id, organisationId, User.Id(), Path.GetFileName(file.FileName),
            new ImportPayload(valid, errors, sheet.Problems.Select(p => p.Message).ToList()), cancellationToken);
        return Redirect($"/upphandlingar/{id}/import/{importId}");
    }

    [HttpGet("/upphandlingar/{id:guid}/import/{importId:guid}")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> Preview(Guid id, Guid importId, CancellationToken cancellationToken)
    {
        var (import, problem) = await ImportOfThisUserAsync(id, importId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var payload = import!.Status == "Previewed" ? await imports.PayloadAsync(importId, cancellationToken) : null;
        return View(new ImportPreview(import, payload, runner.Progress(importId)));
    }

    [HttpGet("/upphandlingar/{id:guid}/import/{importId:guid}/status")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> Status(Guid id, Guid importId, CancellationToken cancellationToken)
    {
        var (import, problem) = await ImportOfThisUserAsync(id, importId, cancellationToken);
        return problem ?? Json(new
        {
            status = import!.Status,
            processed = import.Status == "Completed" ? import.TotalRows : runner.Progress(importId) ?? import.ProcessedRows,
            total = import.TotalRows,
            message = import.Message,
        });
    }

    [HttpPost("/upphandlingar/{id:guid}/import/{importId:guid}/genomfor")]
    [ProcurementAccess(ProcurementNeed.Workspace)]
    public async Task<IActionResult> Commit(Guid id, Guid importId, CancellationToken cancellationToken)
    {
        var (import, problem) = await ImportOfThisUserAsync(id, importId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (Refusal() is { } refusal)
        {
            return refusal;
        }

        if (import!.ErrorCount > 0)
        {
            ModelState.AddModelError("", l["Filen har fel. Rätta dem och läs in filen igen; inget har sparats."]);
            return View(nameof(Preview), new ImportPreview(import, await imports.PayloadAsync(importId, cancellationToken), null)).WithStatus(StatusCodes.Status400BadRequest);
        }

        if (import.TotalRows == 0)
        {
            return BadRequest();
        }

        if (await imports.StartAsync(importId, User.Id(), cancellationToken))
        {
            // Started after this request's transaction commits, so the job sees the import as Running.
            HttpContext.Response.OnCompleted(() =>
            {
                runner.Enqueue(importId);
                return Task.CompletedTask;
            });
        }

        return Redirect($"/upphandlingar/{id}/import/{importId}");
    }

    /// <summary>Why this user may not import now, or null when they may.</summary>
    private IActionResult? Refusal() => this.ContributionRefusal(l["Insamlingen är avslutad: behov kan inte längre importeras."], officersToo: true);

    /// <summary>An import is seen by the one who made it and by the owning officers.</summary>
    private async Task<(ImportRow? Import, IActionResult? Problem)> ImportOfThisUserAsync(Guid id, Guid importId, CancellationToken cancellationToken)
    {
        var import = await imports.GetAsync(id, importId, cancellationToken);
        if (import is null)
        {
            return (null, NotFound());
        }

        return import.CreatedBy == User.Id() || HttpContext.Procurement().Access.CanManage ? (import, null) : (null, Forbid());
    }

    private async Task<IReadOnlyList<ImportCategory>> CategoriesAsync(Guid id, CancellationToken cancellationToken) =>
        (await procurements.CategoriesAsync(id, cancellationToken)).Select(c => new ImportCategory(c.Number, c.Name)).ToList();

    private async Task<ImportUploadForm> UploadFormAsync(Guid id, CancellationToken cancellationToken)
    {
        var scope = HttpContext.Procurement();
        var organisations = scope.Access.CanManage
            ? (await participation.OrganisationsAsync(id, cancellationToken)).Where(o => o.Status == ParticipationStatus.Joined).ToList()
            : [];
        return new ImportUploadForm(organisations, await CategoriesAsync(id, cancellationToken));
    }
}

public sealed record ImportUploadForm(IReadOnlyList<ParticipantRow> Organisations, IReadOnlyList<ImportCategory> Categories);

public sealed record ImportPreview(ImportRow Import, ImportPayload? Payload, int? Progress);
