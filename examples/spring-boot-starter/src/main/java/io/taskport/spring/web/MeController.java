package io.taskport.spring.web;

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

  @GetMapping(Paths.BASE + "/me")
  Me me(Owner user) {
    return new Me(user.name());
  }
}
