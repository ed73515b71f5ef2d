using System.Net;
using System.Text.Json;
using Hilmo.Access;
using Hilmo.Notifications;
using Hilmo.Server.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Hilmo.Server.Tests;

/// <summary>
/// The report limiter and the cache of published answers (issue 18): a full queue is answered
/// 503 with Retry-After and a problem document, from the API and the pages alike; waiting ends
/// with the client; a repeated public request is answered without computing, and identical
/// requests arriving together compute once.
/// </summary>
public sealed class ReportLimiterTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task When_every_place_and_the_queue_are_taken_a_report_is_answered_503_with_retry_after_and_a_problem_at_once_and_a_submission_is_not()
    {
        await using var server = await ServerHarness.StartAsync(new ServerOptions { ReportConcurrency = 1, ReportQueue = 0 });
        var limiter = server.Services.GetRequiredService<ReportLimiter>();
        var held = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = limiter.RunAsync(_ => held.Task, Cancel);

        try
        {
            foreach (var (key, address) in new[]
            {
                (server.Key(Role.Register, "thl"), "/api/v1/statistics/visits?from=2026-01-01&to=2026-12-31&by=month"),
                ((string?)null, "/api/v1/statistics/visits?from=2025-01-01&to=2025-12-31&by=month"),
                (null, "/"),
            })
            {
                using var response = await server.Client(key).GetAsync(new Uri(address, UriKind.Relative), Cancel);
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), address);
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel));
                Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
            }

            using var submission = await server.Client(server.Key(Role.Submitter)).PostAsync(new Uri("/api/v1/notifications", UriKind.Relative),
                Bodies.Content(Bodies.Ndjson(3)), Cancel);
            Assert.Equal(HttpStatusCode.OK, submission.StatusCode);
            Assert.Equal(3, limiter.Refused);
        }
        finally
        {
            held.SetResult(0);
            await holding;
        }

        using var after = await server.Client(server.Key(Role.Register, "thl")).GetAsync(new Uri("/api/v1/statistics/visits?from=2026-01-01&to=2026-12-31&by=month", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task A_client_that_goes_away_while_its_report_waits_leaves_the_queue()
    {
        await using var server = await ServerHarness.StartAsync(new ServerOptions { ReportConcurrency = 1, ReportQueue = 4 });
        var limiter = server.Services.GetRequiredService<ReportLimiter>();
        var held = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = limiter.RunAsync(_ => held.Task, Cancel);
        var client = server.Client(server.Key(Role.Register, "thl"));

        using (var giveUp = new CancellationTokenSource())
        {
            var waiting = client.GetAsync(new Uri("/api/v1/statistics/visits?from=2026-01-01&to=2026-12-31&by=month", UriKind.Relative), giveUp.Token);
            await WaitUntilAsync(() => limiter.Queued == 1);
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        }

        await WaitUntilAsync(() => limiter.Queued == 0);
        held.SetResult(0);
        await holding;
    }

    [Fact]
    public async Task Repeated_public_requests_are_answered_from_the_cache_even_when_reports_are_busy_and_identical_ones_compute_once()
    {
        await using var server = await ServerHarness.StartAsync(new ServerOptions { ReportConcurrency = 1, ReportQueue = 16 });
        var year = await server.PublishGeneratedAsync(5_000, seed: 2, [Register.AvoHilmo], "cache", Cancel);
        var runner = server.Services.GetRequiredService<ReportRunner>();
        var address = new Uri($"/api/v1/statistics/visits?from={year}-01-01&to={year}-12-31&by=month&format=csv", UriKind.Relative);

        var together = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var response = await server.Client().GetAsync(address, Cancel);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync(Cancel);
        }));
        Assert.Single(together.Distinct(StringComparer.Ordinal));
        Assert.Equal(1, runner.Computations);

        // Every place taken: the cached answer still comes, and nothing is computed.
        var limiter = server.Services.GetRequiredService<ReportLimiter>();
        var held = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = limiter.RunAsync(_ => held.Task, Cancel);
        using (var again = await server.Client().GetAsync(address, Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(together[0], await again.Content.ReadAsStringAsync(Cancel));
        }

        held.SetResult(0);
        await holding;
        Assert.Equal(1, runner.Computations);

        // Another format, language or breakdown is another answer; an as-of time is still refused.
        using (var swedish = await server.Client().GetAsync(new Uri($"{address}&lang=sv", UriKind.Relative), Cancel))
        {
            Assert.Equal(HttpStatusCode.OK, swedish.StatusCode);
        }

        Assert.Equal(2, runner.Computations);
        using var asOf = await server.Client().GetAsync(new Uri($"{address}&asOf=2026-01-02T00:00:00Z", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, asOf.StatusCode);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, Cancel);
        }

        Assert.True(condition());
    }
}
