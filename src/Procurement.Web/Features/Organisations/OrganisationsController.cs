using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;
using Procurement.Data;
using Procurement.Data.Organisations;
using Procurement.Domain.Identity;
using Procurement.Domain.Organisations;
using Procurement.Web.Infrastructure;

using static Procurement.Web.Infrastructure.Localization.Texts;

namespace Procurement.Web.Features.Organisations;

/// <summary>
/// The register of organisations: Sweden's 290 municipalities and 21 regions (reference data), central
/// purchasing bodies and suppliers. Administrators add purchasing bodies and suppliers.
/// </summary>
[Authorize(Roles = $"{Roles.Administrator},{Roles.ProcurementOfficer}")]
public sealed class OrganisationsController(
    OrganisationQueries organisations,
    OrganisationCommands commands,
    DbSession session,
    IStringLocalizer<SharedResource> l) : Controller
{
    private const int PageSize = 50;

    [HttpGet("/organisationer")]
    public async Task<IActionResult> Index([FromQuery(Name = "typ")] string? kind, [FromQuery(Name = "lan")] string? county,
        [FromQuery(Name = "sok")] string? search, [FromQuery(Name = "sida")] int page = 1, CancellationToken cancellationToken = default)
    {
        var filter = OrganisationListFilter.Parse(kind);
        page = Math.Clamp(page, 1, 10_000); // beyond that there is nothing, and (page - 1) * size must not overflow
        var counties = await organisations.CountiesAsync(cancellationToken);
        if (county is not null && counties.All(c => c.Code != county))
        {
            county = null;
        }

        var rows = await organisations.ListAsync(new OrganisationFilter(filter.Kind, filter.RegionsOnly, county, search,
            (page - 1) * PageSize, PageSize + 1), cancellationToken);
        return View(new OrganisationListViewModel(
            rows.Take(PageSize).ToList(), await organisations.CountsAsync(cancellationToken), counties,
            kind, county, search, page, HasNextPage: rows.Count > PageSize));
    }

    [HttpGet("/organisationer/{id:guid}")]
    public async Task<IActionResult> Details(Guid id, CancellationToken cancellationToken)
    {
        var organisation = await organisations.GetAsync(id, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        var members = await session.QueryAsync<MemberRow>(
            $"""
            SELECT u.id, u.display_name, u.email, u.two_factor_enabled, r.name AS role
            FROM users u
            LEFT JOIN user_roles ur ON ur.user_id = u.id
            LEFT JOIN roles r ON r.id = ur.role_id
            WHERE u.organisation_id = @id
            ORDER BY u.display_name {session.Dialect.SwedishOrder}
            """, new { id }, cancellationToken);
        return View(new OrganisationDetailsViewModel(organisation, members));
    }

    [Authorize(Roles = Roles.Administrator)]
    [HttpGet("/organisationer/ny")]
    public IActionResult New() => View(new NewOrganisationForm());

    [Authorize(Roles = Roles.Administrator)]
    [HttpPost("/organisationer/ny")]
    public async Task<IActionResult> New(NewOrganisationForm form, CancellationToken cancellationToken)
    {
        if (form.Kind is not (OrganisationKind.CentralPurchasingBody or OrganisationKind.Supplier))
        {
            ModelState.AddModelError(nameof(form.Kind), l["Kommuner och regioner finns redan. Välj inköpscentral eller leverantör."]);
        }

        if (!OrganisationNumber.TryParse(form.OrganisationNumber, out var number, out var numberError))
        {
            ModelState.AddModelError(nameof(form.OrganisationNumber), l[OrganisationNumberMessages.For(numberError)]);
        }
        else if (await organisations.FindByOrganisationNumberAsync(number, cancellationToken) is { } existing)
        {
            ModelState.AddModelError(nameof(form.OrganisationNumber), l["Det finns redan en organisation med det organisationsnumret: {0}.", existing.Name]);
        }

        if (!ModelState.IsValid)
        {
            return View(form).WithStatus(StatusCodes.Status400BadRequest);
        }

        var id = await commands.CreateAsync(form.Kind!.Value, form.Name, number, User.Id(), cancellationToken);
        TempData["Status"] = Sv("Organisationen är tillagd.");
        return RedirectToAction(nameof(Details), new { id });
    }
}

/// <summary>The "typ" filter of the list, in the words of the URL.</summary>
public sealed record OrganisationListFilter(OrganisationKind? Kind, bool RegionsOnly)
{
    public static readonly IReadOnlyList<(string Value, string Label)> Options =
    [
        ("", Sv("Alla")),
        ("kommun", Sv("Kommuner")),
        ("region", Sv("Regioner")),
        ("inkopscentral", Sv("Inköpscentraler")),
        ("leverantor", Sv("Leverantörer")),
    ];

    public static OrganisationListFilter Parse(string? value) => value switch
    {
        "kommun" => new(OrganisationKind.Municipality, false),
        "region" => new(null, true),
        "inkopscentral" => new(OrganisationKind.CentralPurchasingBody, false),
        "leverantor" => new(OrganisationKind.Supplier, false),
        _ => new(null, false),
    };
}

public sealed record OrganisationListViewModel(
    IReadOnlyList<Organisation> Organisations,
    OrganisationCounts Counts,
    IReadOnlyList<County> Counties,
    string? Kind,
    string? County,
    string? Search,
    int Page,
    bool HasNextPage)
{
    public string PageLink(int page) =>
        $"/organisationer?typ={Uri.EscapeDataString(Kind ?? "")}&lan={Uri.EscapeDataString(County ?? "")}&sok={Uri.EscapeDataString(Search ?? "")}&sida={page}";
}

public sealed record OrganisationDetailsViewModel(Organisation Organisation, IReadOnlyList<MemberRow> Members);

public sealed class MemberRow
{
    public Guid Id { get; init; }

    public string DisplayName { get; init; } = "";

    public string Email { get; init; } = "";

    public bool TwoFactorEnabled { get; init; }

    public string? Role { get; init; }
}

public sealed class NewOrganisationForm
{
    [Required(ErrorMessage = "Välj typ av organisation.")]
    [Display(Name = "Typ")]
    public OrganisationKind? Kind { get; set; } = OrganisationKind.CentralPurchasingBody;

    [Required(ErrorMessage = "Ange organisationens namn.")]
    [StringLength(200, ErrorMessage = "Namnet får ha högst 200 tecken.")]
    [Display(Name = "Namn")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Ange organisationsnummer.")]
    [StringLength(20, ErrorMessage = "Organisationsnumret är för långt.")]
    [Display(Name = "Organisationsnummer")]
    public string OrganisationNumber { get; set; } = "";

    public static IReadOnlyList<SelectListItem> KindItems(IStringLocalizer l) =>
    [
        new(l["Inköpscentral"], nameof(OrganisationKind.CentralPurchasingBody)),
        new(l["Leverantör"], nameof(OrganisationKind.Supplier)),
    ];
}
