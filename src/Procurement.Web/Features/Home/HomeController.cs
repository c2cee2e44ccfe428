using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Procurement.Data.Organisations;
using Procurement.Web.Infrastructure;

namespace Procurement.Web.Features.Home;

public sealed class HomeController(OrganisationQueries organisations) : Controller
{
    [AllowAnonymous]
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return View(new HomeViewModel(null, await organisations.CountsAsync(cancellationToken)));
        }

        var organisation = await organisations.GetAsync(User.OrganisationId(), cancellationToken);
        return View(new HomeViewModel(organisation, null));
    }
}

public sealed record HomeViewModel(Organisation? Organisation, OrganisationCounts? Counts);
