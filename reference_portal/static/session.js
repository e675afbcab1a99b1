// The inactivity warning of signed-in pages (templates/auth/_session_warning.html).
// The server renders the seconds left and stays the authority: when this page's own count runs out it asks
// the server (without renewing the session) and goes to the sign-in page only if the session has ended.
(function () {
  "use strict";
  var box = document.getElementById("session-warning");
  if (!box) {
    return;
  }
  var data = box.dataset;
  var button = document.getElementById("session-keep-alive");
  var warnBefore = Number(data.warnBefore);
  var warnTimer = null;
  var endTimer = null;

  function hide() {
    box.hidden = true;
  }

  function show() {
    box.hidden = false;
    button.focus();
  }

  function goToSignIn() {
    window.location.assign(data.expiredUrl);
  }

  function schedule(secondsLeft) {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    hide();
    if (warnBefore > 0) {
      warnTimer = setTimeout(show, Math.max(0, secondsLeft - warnBefore) * 1000);
    }
    endTimer = setTimeout(checkWithServer, secondsLeft * 1000);
  }

  function answer(response) {
    if (!response.ok || response.redirected) {
      throw new Error("session ended");
    }
    return response.json();
  }

  function follow(state) {
    if (state.signed_in && state.seconds_left > 0) {
      schedule(state.seconds_left);
    } else {
      goToSignIn();
    }
  }

  function checkWithServer() {
    fetch(data.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(answer)
      .then(follow)
      .catch(goToSignIn);
  }

  button.addEventListener("click", function () {
    fetch(data.keepAliveUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": data.csrfToken },
    })
      .then(answer)
      .then(follow)
      .catch(goToSignIn);
  });

  schedule(Number(data.secondsLeft));
})();
