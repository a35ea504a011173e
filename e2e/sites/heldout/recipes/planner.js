// Sprout — a weekly meal planner. One namespace, shared by the three pages.
window.Sprout = (function () {
  var KEY = 'heldout.recipes';
  var RECIPES = [
    { id: 'r01', name: 'Lemon chicken', mins: 40, tags: ['chicken'], colour: '#f4d35e' },
    { id: 'r02', name: 'Lemon chicken traybake', mins: 55, tags: ['chicken', 'one tray'], colour: '#f6e27f' },
    { id: 'r03', name: 'Chickpea curry', mins: 30, tags: ['vegan'], colour: '#ee964b' },
    { id: 'r04', name: 'Chickpea & spinach curry', mins: 35, tags: ['vegan'], colour: '#e76f51' },
    { id: 'r05', name: 'Mushroom risotto', mins: 45, tags: ['vegetarian'], colour: '#c9ada7' },
    { id: 'r06', name: 'Pea & mint risotto', mins: 40, tags: ['vegetarian'], colour: '#a7c957' },
    { id: 'r07', name: 'Shakshuka', mins: 25, tags: ['eggs', 'vegetarian'], colour: '#d62828' },
    { id: 'r08', name: 'Fish tacos', mins: 30, tags: ['fish'], colour: '#8ecae6' },
    { id: 'r09', name: 'Veggie chilli', mins: 50, tags: ['vegan', 'batch'], colour: '#bc4749' },
    { id: 'r10', name: 'Beef chilli', mins: 90, tags: ['beef', 'batch'], colour: '#9d0208' },
    { id: 'r11', name: 'Prawn pad thai', mins: 25, tags: ['fish', 'quick'], colour: '#ffb703' },
    { id: 'r12', name: 'Minestrone', mins: 45, tags: ['vegan', 'soup'], colour: '#90be6d' },
    { id: 'r13', name: 'Tomato soup', mins: 30, tags: ['vegetarian', 'soup'], colour: '#f94144' },
    { id: 'r14', name: 'Halloumi wraps', mins: 20, tags: ['vegetarian', 'quick'], colour: '#f9c74f' }
  ];
  var DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']];
  var MEALS = [['lunch', 'Lunch'], ['dinner', 'Dinner']];
  var DEFAULT_PLAN = { 'mon-dinner': 'r03', 'wed-dinner': 'r08', 'thu-lunch': 'r13', 'sat-dinner': 'r10' };
  var DEFAULT_LIST = [
    { id: 'i01', name: 'Lemons', qty: '3', aisle: 'Fruit & veg', got: false },
    { id: 'i02', name: 'Spinach', qty: '200 g', aisle: 'Fruit & veg', got: false },
    { id: 'i03', name: 'Red onions', qty: '2', aisle: 'Fruit & veg', got: true },
    { id: 'i04', name: 'Chickpeas', qty: '2 tins', aisle: 'Cupboard', got: false },
    { id: 'i05', name: 'Coconut milk', qty: '1 tin', aisle: 'Cupboard', got: false },
    { id: 'i06', name: 'Eggs', qty: '6', aisle: 'Dairy & eggs', got: false },
    { id: 'i07', name: 'Milk', qty: '1 l', aisle: 'Dairy & eggs', got: false }
  ];

  function read() {
    try { return JSON.parse(localStorage.getItem(KEY) || '{}') || {}; } catch (e) { return {}; }
  }
  function write(s) { localStorage.setItem(KEY, JSON.stringify(s)); }

  return {
    KEY: KEY, RECIPES: RECIPES, DAYS: DAYS, MEALS: MEALS,
    recipe: function (id) { return RECIPES.filter(function (r) { return r.id === id; })[0]; },
    plan: function () { return read().plan || Object.assign({}, DEFAULT_PLAN); },
    savePlan: function (plan) { var s = read(); s.plan = plan; s.planSaves = (s.planSaves || 0) + 1; write(s); },
    list: function () { return read().list || DEFAULT_LIST.map(function (i) { return Object.assign({}, i); }); },
    saveList: function (list) { var s = read(); s.list = list; write(s); },
    slotName: function (slot) {
      var p = slot.split('-');
      var day = DAYS.filter(function (d) { return d[0] === p[0]; })[0][1];
      return day + ' ' + p[1];
    },
    esc: function (s) { return String(s).replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; }); },
    live: function (render) { render(); window.addEventListener('heldout:reset', render); }
  };
})();
