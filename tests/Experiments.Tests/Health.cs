namespace Botify.Experiments.Tests;

internal static class Health
{
    /// <summary>Waits until GET /health answers 200 (a catalog is loaded); fails naming the last answer.</summary>
    public static async Task WaitReadyAsync(HttpClient http, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("health");
                if (response.IsSuccessStatusCode) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(200);
        }
        Assert.Fail($"{http.BaseAddress}health never answered 200; last: {last}");
    }
}
