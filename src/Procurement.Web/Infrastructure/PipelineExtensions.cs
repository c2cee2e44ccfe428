using Microsoft.AspNetCore.HttpOverrides;
using Procurement.Web.Infrastructure.Security;

namespace Procurement.Web.Infrastructure;

public static class PipelineExtensions
{
    public static WebApplication UseProcurementPipeline(this WebApplication app)
    {
        if (app.Configuration.GetValue("ReverseProxy:Enabled", false))
        {
            // Only when the app is reachable through the proxy alone: it then trusts X-Forwarded-For/-Proto.
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            app.UseForwardedHeaders(forwarded);
        }

        // Our own Swedish error page in every environment: no stack traces reach a browser, ever.
        app.UseExceptionHandler("/fel/500");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/fel/{0}");
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous().DisableRateLimiting();
        app.MapControllers();
        return app;
    }
}
