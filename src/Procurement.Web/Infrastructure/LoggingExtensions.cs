namespace Procurement.Web.Infrastructure;

public static class LoggingExtensions
{
    /// <summary>
    /// Structured JSON logs with scopes, so every line written during a request carries its RequestId
    /// (also sent to the browser as X-Request-Id and shown on error pages). Development keeps the plain
    /// console format; set Logging:Console:FormatterName to change either.
    /// </summary>
    public static WebApplicationBuilder AddProcurementLogging(this WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o =>
            {
                o.IncludeScopes = false;
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
            });
        }

        return builder;
    }
}
