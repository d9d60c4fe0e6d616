// The demo store's page behaviour (loaded with `defer` on every server-rendered page).
// Deliberately small, and deliberately imperfect in two places a support agent would want to know about:
//  - the sold-out size button (#size-sold-out) looks clickable but does nothing;
//  - "Apply coupon" (#apply-coupon) throws an uncaught Error('Coupon service unavailable').
(function () {
  'use strict';

  // "Chat with a gear expert" buttons open Baton. Hidden when Baton is not on the page (?nobaton=1).
  var openers = document.querySelectorAll('[data-baton-open]');
  for (var i = 0; i < openers.length; i++) {
    var opener = openers[i];
    if (typeof window.Baton !== 'function') {
      opener.hidden = true;
      continue;
    }
    opener.addEventListener('click', function () {
      window.Baton('open');
    });
  }

  // /labels: "Print labels".
  var print = document.querySelector('[data-print]');
  if (print) print.addEventListener('click', function () { window.print(); });

  // The coupon service is down, and the handler does not cope: a real uncaught error.
  var coupon = document.getElementById('apply-coupon');
  if (coupon) {
    coupon.addEventListener('click', function () {
      throw new Error('Coupon service unavailable');
    });
  }

  // Sold-out sizes: a click handler that forgot to do anything useful.
  var soldOut = document.querySelectorAll('.size-option--sold-out');
  for (var j = 0; j < soldOut.length; j++) {
    soldOut[j].addEventListener('click', function () {
      /* TODO(store team): show a "notify me" dialog. */
    });
  }

  // Checkout: mark fields the visitor tried to submit so CSS can highlight them.
  var form = document.getElementById('checkout-form');
  if (form) {
    form.addEventListener(
      'invalid',
      function (event) {
        var field = event.target;
        if (field && field.classList) field.classList.add('is-invalid');
      },
      true,
    );
    form.addEventListener('input', function (event) {
      var field = event.target;
      if (field && field.classList && field.validity && field.validity.valid) field.classList.remove('is-invalid');
    });
  }
})();
