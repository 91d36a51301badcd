// Complaints: hide the contact fields when the reporter chooses to stay anonymous.
(function () {
  var anonymous = document.getElementById("id_anonymous");
  var fields = document.getElementById("reporter-fields");
  if (anonymous && fields) {
    var sync = function () { fields.hidden = anonymous.checked; };
    anonymous.addEventListener("change", sync);
    sync();
  }
})();
