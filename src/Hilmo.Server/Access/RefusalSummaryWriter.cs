using Hilmo.Audit;
using Microsoft.Extensions.Hosting;

namespace Hilmo.Server.Access;

/// <summary>
/// Writes the summaries of refusal windows that have closed (<see cref="RefusalAggregator"/>)
/// every few seconds, and all the rest when the server stops; refusals that arrive while it
/// stops are written when the aggregator is disposed with the server's services.
/// </summary>
internal sealed partial class RefusalSummaryWriter(RefusalAggregator refusals, RegisterServices register, ILogger<RefusalSummaryWriter> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, register.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await refusals.FlushClosedAsync().ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is IOException or InvalidDataException or UnauthorizedAccessException)
                {
                    // The counts are kept and written with the next summary; the log says why not now.
                    SummaryNotWritten(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await refusals.FlushAllAsync().ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The summary of refused requests could not be written to the audit log yet.")]
    private static partial void SummaryNotWritten(ILogger logger, Exception exception);
}
