package io.taskport.spring.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the Taskport web layer, under {@code taskport.web}. */
@ConfigurationProperties("taskport.web")
public class TaskportWebProperties {
  /** The default base path of the REST and SSE endpoints. */
  public static final String DEFAULT_BASE_PATH = "/api";

  /** The default number of event streams one user may have open at once. */
  public static final int DEFAULT_MAX_STREAMS_PER_USER = 20;

  /** The default bound of events waiting to be written to one event stream. */
  public static final int DEFAULT_MAX_PENDING_EVENTS = 256;

  /** Whether the REST and SSE endpoints are served in a servlet web application. */
  private boolean enabled = true;

  /** The path under which the REST and SSE endpoints are served, such as /api. */
  private String basePath = DEFAULT_BASE_PATH;

  /** The number of event streams one user may have open at once; one more is answered 429. */
  private int maxStreamsPerUser = DEFAULT_MAX_STREAMS_PER_USER;

  /**
   * Whether a signed download link works only for a request signed in as the user it was issued
   * to. When off, a link works without a session until it expires.
   */
  private boolean bindLinksToUser = false;

  /** How often an open event stream gets a comment line, so proxies keep it open. */
  private Duration heartbeat = Duration.ofSeconds(15);

  /**
   * The most events one event stream may have waiting to be written; a client that falls further
   * behind gets a final reconnect event and the stream is closed.
   */
  private int maxPendingEvents = DEFAULT_MAX_PENDING_EVENTS;

  /** Creates the settings with their defaults. */
  public TaskportWebProperties() {}

  /**
   * Returns whether the web layer is on.
   *
   * @return whether the endpoints are served
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Turns the web layer on or off.
   *
   * @param enabled whether the endpoints are served
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Returns the base path of the endpoints.
   *
   * @return the base path, such as {@code /api}
   */
  public String getBasePath() {
    return basePath;
  }

  /**
   * Sets the base path of the endpoints.
   *
   * @param basePath a path that starts with {@code /} and does not end with one
   */
  public void setBasePath(String basePath) {
    this.basePath = basePath;
  }

  /**
   * Returns how many event streams one user may have open.
   *
   * @return the cap, at least 1
   */
  public int getMaxStreamsPerUser() {
    return maxStreamsPerUser;
  }

  /**
   * Sets how many event streams one user may have open.
   *
   * @param maxStreamsPerUser the cap, at least 1
   */
  public void setMaxStreamsPerUser(int maxStreamsPerUser) {
    this.maxStreamsPerUser = maxStreamsPerUser;
  }

  /**
   * Returns the most events a stream may have waiting.
   *
   * @return the bound per stream
   */
  public int getMaxPendingEvents() {
    return maxPendingEvents;
  }

  /**
   * Sets the most events a stream may have waiting; a stream further behind is closed with a
   * reconnect event.
   *
   * @param maxPendingEvents at least 1
   */
  public void setMaxPendingEvents(int maxPendingEvents) {
    if (maxPendingEvents < 1) {
      throw new IllegalArgumentException("max-pending-events must be >= 1, was " + maxPendingEvents);
    }
    this.maxPendingEvents = maxPendingEvents;
  }

  /**
   * Returns the heartbeat interval of event streams.
   *
   * @return the interval
   */
  public Duration getHeartbeat() {
    return heartbeat;
  }

  /**
   * Sets the heartbeat interval of event streams.
   *
   * @param heartbeat a positive interval
   */
  public void setHeartbeat(Duration heartbeat) {
    this.heartbeat = heartbeat;
  }

  /**
   * Returns whether links are bound to the user they were issued to.
   *
   * @return whether a link needs its user's session
   */
  public boolean isBindLinksToUser() {
    return bindLinksToUser;
  }

  /**
   * Binds links to the user they were issued to, or not.
   *
   * @param bindLinksToUser whether a link needs its user's session
   */
  public void setBindLinksToUser(boolean bindLinksToUser) {
    this.bindLinksToUser = bindLinksToUser;
  }
}
