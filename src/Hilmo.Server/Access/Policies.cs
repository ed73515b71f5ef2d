using Hilmo.Access;
using Microsoft.AspNetCore.Authorization;

namespace Hilmo.Server.Access;

/// <summary>Who may reach which endpoints. Within an endpoint, a submitter is further confined to its own provider.</summary>
internal static class Policies
{
    /// <summary>Sending records, or checking them with the test service: providers' systems and the register keepers.</summary>
    public const string Submit = nameof(Submit);

    /// <summary>Reading a submission's feedback (record-level: it names records): the provider that sent it and the register keepers.</summary>
    public const string ReadFeedback = nameof(ReadFeedback);

    /// <summary>Reading a record's stored versions (record-level): the provider itself and the register keepers.</summary>
    public const string ReadRecordHistory = nameof(ReadRecordHistory);

    /// <summary>Reading epidemic-signal alerts (small counts by county and syndrome): the register keepers and the supervising authority.</summary>
    public const string ReadSignals = nameof(ReadSignals);

    /// <summary>Answering a data subject's request of access (every record about one person): the register keepers alone.</summary>
    public const string AnswerSubjectRequests = nameof(AnswerSubjectRequests);

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(Submit, p => p.RequireRole(nameof(Role.Submitter), nameof(Role.Register)));
        options.AddPolicy(ReadFeedback, p => p.RequireRole(nameof(Role.Submitter), nameof(Role.Register)));
        options.AddPolicy(ReadRecordHistory, p => p.RequireRole(nameof(Role.Submitter), nameof(Role.Register)));
        options.AddPolicy(ReadSignals, p => p.RequireRole(nameof(Role.Register), nameof(Role.Supervisor)));
        options.AddPolicy(AnswerSubjectRequests, p => p.RequireRole(nameof(Role.Register)));
    }
}
