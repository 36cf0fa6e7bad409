package io.taskport.examples.web;

import java.security.Principal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who is signed in, for the page's header. */
@RestController
class MeController {
  /**
   * The signed-in user.
   *
   * @param name the user name, which is also the owner of the user's tasks
   */
  record Me(String name) {}

  @GetMapping("/api/me")
  Me me(Principal user) {
    return new Me(user.getName());
  }
}
