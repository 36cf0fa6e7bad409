package io.taskport.spring.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the operator dashboard, under {@code taskport.web.dashboard}. */
@ConfigurationProperties("taskport.web.dashboard")
public class DashboardProperties {
  /** The default role the dashboard needs. */
  public static final String DEFAULT_ROLE = "TASKPORT_ADMIN";

  /** Whether the operator dashboard (page and JSON API) is served. */
  private boolean enabled = true;

  /**
   * The role a user needs for the dashboard, as {@code HttpServletRequest.isUserInRole} checks it
   * (with Spring Security, authority {@code ROLE_<role>}).
   */
  private String role = DEFAULT_ROLE;

  /** Creates the settings with their defaults. */
  public DashboardProperties() {}

  /**
   * Returns whether the dashboard is served.
   *
   * @return whether the page and its API are on
   */
  public boolean isEnabled() {
    return enabled;
  }

  /**
   * Turns the dashboard on or off.
   *
   * @param enabled whether the page and its API are served
   */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /**
   * Returns the role the dashboard needs.
   *
   * @return the role, such as {@code TASKPORT_ADMIN}
   */
  public String getRole() {
    return role;
  }

  /**
   * Sets the role the dashboard needs.
   *
   * @param role a role name without the {@code ROLE_} prefix
   */
  public void setRole(String role) {
    this.role = role;
  }
}
