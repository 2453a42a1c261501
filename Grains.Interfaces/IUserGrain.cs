namespace Botify.Grains;

/// <summary>
/// One listener. Holds the listening history, the session recommender's method and its
/// consecutive-failure count, persisted before any answer is returned. Orleans runs one
/// request of a user at a time, so a user's requests never race.
/// </summary>
public interface IUserGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Records that the user played <see cref="TrackPlay.Track"/> for <see cref="TrackPlay.Time"/>
    /// and answers the next track. A repeated <see cref="TrackPlay.RequestId"/> is answered
    /// again without being applied twice.
    /// </summary>
    Task<NextAnswer> Next(TrackPlay play);

    /// <summary>Records the last track of a session; answers no recommendation.</summary>
    Task<LastAnswer> Last(TrackPlay play);

    /// <summary>The user's state and experiment arms, read-only.</summary>
    Task<UserView> View();
}
